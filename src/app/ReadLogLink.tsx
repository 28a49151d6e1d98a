// "Download read log" after a live read: the JSON Lines file Microsoft support asks for (each
// Graph request's time, status, duration and request ids; no token, no names or addresses).
import type { ConnectState } from '../state/connect-state.ts';
import { formatCount } from './format.ts';

export function ReadLogLink({ connect }: { connect: ConnectState }) {
  const log = connect.readLog.value;
  if (log === null) return null;
  return (
    <p class="read-log">
      <button type="button" class="button-link" onClick={() => connect.downloadReadLog()}>
        Download read log
      </button>{' '}
      <span class="muted">
        ({formatCount(log.lines)} {log.lines === 1 ? 'line' : 'lines'}: each Graph request's time, status and
        request id, for Microsoft support; no tokens, names or addresses)
      </span>
    </p>
  );
}
