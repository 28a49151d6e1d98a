// The few ways a whole tenant read fails (everything else is recorded per read in `reads`):
// Graph refused the token, no token could be had, the organization could not be read, or the
// request itself was bad (a client id or group id that is not a GUID, a bad base URL).

export type GraphReadErrorCode =
  | 'token_refused'
  | 'token_unavailable'
  | 'organization_unreadable'
  | 'invalid_request';

export class GraphReadError extends Error {
  override name = 'GraphReadError';
  readonly code: GraphReadErrorCode;
  /** The last HTTP status Graph answered with, when there was one. */
  readonly httpStatus: number | null;

  constructor(code: GraphReadErrorCode, message: string, httpStatus: number | null = null, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

/** The error a cancelled read rejects with: the signal's own reason when it is an AbortError. */
export function abortError(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof GraphReadError) return reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The read was cancelled', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
