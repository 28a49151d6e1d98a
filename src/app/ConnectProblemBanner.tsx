// A sign-in or read problem with its fix as a button or link: the admin-consent page, the other
// cloud, or signing in in this tab when pop-ups stay blocked.
import type { ConnectProblem, ConnectState } from '../state/connect-state.ts';
import { Banner } from './Banner.tsx';

export function ConnectProblemBanner({
  problem,
  connect,
}: {
  problem: ConnectProblem;
  connect: ConnectState;
}) {
  const { action } = problem;
  return (
    <Banner
      tone="error"
      role="alert"
      problemCode={problem.code}
      title={problem.title}
      onDismiss={connect.dismissProblem}
    >
      <p>{problem.message}</p>
      {action?.kind === 'link' && (
        <p>
          <a href={action.href} target="_blank" rel="noopener noreferrer" class="connect-consent-link">
            {action.label}
          </a>
        </p>
      )}
      {action?.kind === 'switch-cloud' && (
        <p>
          <button type="button" class="button-primary" onClick={() => connect.chooseCloud(action.cloud)}>
            {action.label}
          </button>
        </p>
      )}
      {action?.kind === 'sign-in-redirect' && (
        <p>
          <button type="button" class="button-primary" onClick={() => void connect.signIn('redirect')}>
            {action.label}
          </button>
        </p>
      )}
      {problem.detail !== undefined && problem.detail !== '' && (
        <p class="muted">
          Code for support: <code>{problem.detail}</code>
        </p>
      )}
    </Banner>
  );
}
