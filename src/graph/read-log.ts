// The read log: one JSON line per HTTP request and per $batch item, with what Microsoft support
// asks for when a tenant misbehaves (time, method, path and query, status, duration, bytes,
// retry count, Retry-After, and Graph's request-id and client-request-id headers). It never holds
// a token, a header other than those, a response body, or a person's data: a $skiptoken can spell
// the last object's user principal name, so its value is replaced; request ids are kept only when
// they are GUIDs and Retry-After only in its two documented forms (seconds or an HTTP date). Lines
// are JSON with every control, format and line-separator character escaped, so a hostile path can
// neither break a line nor hide text in a viewer.

export interface ReadLogEntry {
  /** When the request was sent (ISO-8601). */
  time: string;
  method: 'GET' | 'POST';
  /** Path and query after /v1.0 ($skiptoken values replaced). */
  path: string;
  /** HTTP status, or the item's status inside a $batch; null when the connection failed. */
  status: number | null;
  durationMs: number;
  /** Bytes of the answer's body (an item's: its JSON); null when none came. */
  bytes: number | null;
  /** Sends of this request before this one. */
  retry: number;
  retryAfter: string | null;
  requestId: string | null;
  clientRequestId: string | null;
  /** For a $batch item: the client-request-id of the $batch that carried it. */
  batch?: string;
}

export interface ReadLog {
  add(entry: ReadLogEntry): void;
  readonly entries: readonly ReadLogEntry[];
  /** The whole log as JSON Lines (one entry per line, each ending in \n). */
  text(): string;
}

export function createReadLog(): ReadLog {
  const entries: ReadLogEntry[] = [];
  return {
    entries,
    add(entry) {
      entries.push(cleanEntry(entry));
    },
    text() {
      return entries.map((entry) => `${toJsonLine(entry)}\n`).join('');
    },
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECONDS = /^\d{1,9}(\.\d{1,6})?$/;
const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function cleanEntry(entry: ReadLogEntry): ReadLogEntry {
  const guid = (value: string | null | undefined) => {
    const text = value?.trim() ?? '';
    return GUID.test(text) ? text : null;
  };
  const retryAfter = entry.retryAfter?.trim() ?? '';
  const clean: ReadLogEntry = {
    time: entry.time,
    method: entry.method,
    path: logPath(entry.path),
    status: entry.status,
    durationMs: entry.durationMs,
    bytes: entry.bytes,
    retry: entry.retry,
    retryAfter: SECONDS.test(retryAfter) || HTTP_DATE.test(retryAfter) ? retryAfter : null,
    requestId: guid(entry.requestId),
    clientRequestId: guid(entry.clientRequestId),
  };
  const batch = guid(entry.batch);
  if (batch !== null) clean.batch = batch;
  return clean;
}

/** A request's path and query as the log shows it: $skiptoken (and $skipToken) values replaced. */
export function logPath(relative: string): string {
  return relative.replace(/([?&]\$skip[Tt]oken=)[^&#]*/g, '$1…');
}

// JSON.stringify escapes U+0000–U+001F only; these would still reach a terminal or viewer raw.
const UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** One line of JSON with no raw control, format or line-separator character in it. */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSAFE,
    (char) => `\\u${(char.codePointAt(0) as number).toString(16).padStart(4, '0')}`,
  );
}
