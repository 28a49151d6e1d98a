// Step 2: sign in. The button calls the action straight from the click so the pop-up is allowed;
// it stays disabled until sign-in is prepared (MSAL loaded), which takes a moment the first time.
import { CLOUD_LABELS } from '../auth/clouds.ts';
import type { ConnectState } from '../state/connect-state.ts';

export function ConnectSignIn({ connect }: { connect: ConnectState }) {
  const ready = connect.authReady.value;
  const busy = connect.signingIn.value;
  const offline = !connect.online.value;
  return (
    <div class="connect-sign-in">
      <p>
        Sign in to the tenant in {CLOUD_LABELS[connect.cloud.value]} with an account that can read the
        directory (Global Reader is enough). A sign-in window opens; this page keeps its place.
      </p>
      <p class="connect-actions">
        <button
          type="button"
          class="button-primary"
          disabled={!ready || busy || offline}
          onClick={() => void connect.signIn()}
        >
          {ready ? (busy ? 'Signing in…' : 'Sign in with Microsoft') : 'Preparing sign-in…'}
        </button>
        <button type="button" class="button-quiet" onClick={connect.backToSetup}>
          Back
        </button>
      </p>
      {busy && connect.signInReturned.value && (
        <div class="connect-popup-back" role="status">
          <p>
            Still waiting for the sign-in window. If you closed it or it is gone, sign in again; if it is
            open, finish there.
          </p>
          <p class="connect-actions">
            <button type="button" class="button-secondary" onClick={() => void connect.signIn()}>
              Try again
            </button>
            <button type="button" class="button-quiet" onClick={connect.cancelSignIn}>
              Cancel
            </button>
          </p>
        </div>
      )}
      <p class="hint">
        Pop-ups blocked?{' '}
        <button
          type="button"
          class="button-link"
          disabled={!ready || busy || offline}
          onClick={() => void connect.signIn('redirect')}
        >
          Sign in in this tab
        </button>{' '}
        instead; you come back here afterwards.
      </p>
    </div>
  );
}
