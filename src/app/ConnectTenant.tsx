// The "Connect a tenant" page: four steps (cloud and apps, sign-in, groups, read) with the
// problem of the moment and its fix above them. Offline, it says so first: every step needs
// Microsoft's sign-in and Graph.
import type { ConnectState, ConnectStep } from '../state/connect-state.ts';
import { Banner } from './Banner.tsx';
import { ConnectProblemBanner } from './ConnectProblemBanner.tsx';
import { ConnectSetup } from './ConnectSetup.tsx';
import { ConnectSignIn } from './ConnectSignIn.tsx';
import { GroupPicker } from './GroupPicker.tsx';
import { ReadLogLink } from './ReadLogLink.tsx';
import { ReadProgressView } from './ReadProgressView.tsx';

const STEPS: ReadonlyArray<{ step: ConnectStep; label: string }> = [
  { step: 'setup', label: 'Cloud and apps' },
  { step: 'sign-in', label: 'Sign in' },
  { step: 'groups', label: 'Pick groups' },
  { step: 'reading', label: 'Read' },
];

export function ConnectTenant({ connect, redirectUri }: { connect: ConnectState; redirectUri: string }) {
  const step = connect.step.value;
  const at = STEPS.findIndex((s) => s.step === step);
  const problem = connect.problem.value;
  return (
    <section class="connect" aria-labelledby="connect-title">
      <p>
        <button type="button" class="button-quiet" onClick={connect.close}>
          ← Back to the start page
        </button>
      </p>
      <h1 id="connect-title">Connect a tenant</h1>
      <p class="lead">
        Reads the directory through Microsoft Graph with your sign-in, read-only, into a snapshot that stays
        in this browser.
      </p>
      <ol class="connect-steps">
        {STEPS.map((s, i) => (
          <li key={s.step} aria-current={i === at ? 'step' : undefined}>
            {i < at ? (
              <>
                <span aria-hidden="true">✓ </span>
                <span class="visually-hidden">Done: </span>
              </>
            ) : (
              `${i + 1}. `
            )}
            {s.label}
          </li>
        ))}
      </ol>
      {!connect.online.value && (
        <Banner tone="warn" role="alert" title="You are offline">
          <p>
            Connecting a tenant needs the network: sign-in and Microsoft Graph are online services. The demo
            tenant and stored snapshots work offline.
          </p>
        </Banner>
      )}
      {problem && <ConnectProblemBanner problem={problem} connect={connect} />}
      {problem && step === 'groups' && <ReadLogLink connect={connect} />}
      <h2>{STEPS[at]?.label}</h2>
      {step === 'setup' && <ConnectSetup connect={connect} redirectUri={redirectUri} />}
      {step === 'sign-in' && <ConnectSignIn connect={connect} />}
      {step === 'groups' && <GroupPicker connect={connect} />}
      {step === 'reading' && <ReadProgressView connect={connect} />}
    </section>
  );
}
