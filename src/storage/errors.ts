// Storage failures as one typed error with a stable code and a message a person can act on. The
// browser reports them as DOMExceptions with names (QuotaExceededError, VersionError, …) that
// differ in where they surface: a full disk often shows only when the transaction commits.

export type StorageErrorCode =
  | 'quota-exceeded'
  | 'blocked'
  | 'outdated'
  | 'aborted'
  | 'unavailable'
  | 'not-found'
  | 'invalid-name';

const MESSAGES: Record<StorageErrorCode, string> = {
  'quota-exceeded':
    "Your browser's storage for this site is full: delete old snapshots or export them, then try again.",
  blocked:
    'Another tab has an older version of this app open, which keeps the snapshot storage from updating: close the other tabs of this app, then try again.',
  outdated:
    'Another tab has opened a newer version of this app: reload this page to keep using your saved snapshots.',
  aborted: 'Saving was interrupted, so nothing was changed: try again.',
  unavailable:
    'This browser does not let the site store snapshots (a private window, or site data is blocked): allow site data for this page, or export snapshots as files instead.',
  'not-found':
    'That snapshot is no longer stored (it may have been deleted in another tab): refresh the list.',
  'invalid-name': 'A snapshot needs a name: type at least one character.',
};

export class StorageError extends Error {
  override name = 'StorageError';
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, options?: { cause?: unknown; message?: string }) {
    super(
      options?.message ?? MESSAGES[code],
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
  }
}

/** Maps whatever IndexedDB threw (DOMException or not) to a StorageError. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'QuotaExceededError':
      return new StorageError('quota-exceeded', { cause: error });
    case 'VersionError':
      return new StorageError('outdated', { cause: error });
    case 'AbortError':
    case 'TransactionInactiveError':
    case 'InvalidStateError':
      return new StorageError('aborted', { cause: error });
    default:
      return new StorageError('unavailable', { cause: error });
  }
}
