// The application frame: header, the problem and progress areas, and the page for the state.
import { useEffect, useRef } from 'preact/hooks';
import type { ConnectState } from '../state/connect-state.ts';
import type { LibraryState } from '../state/library-state.ts';
import type { ReportState } from '../state/report-state.ts';
import { ConnectTenant } from './ConnectTenant.tsx';
import { DiffView } from './DiffView.tsx';
import { ProblemBanner } from './ProblemBanner.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { ReadLogLink } from './ReadLogLink.tsx';
import { ReportView } from './ReportView.tsx';
import { SnapshotLibrary } from './SnapshotLibrary.tsx';
import { StartPage } from './StartPage.tsx';

export function App({
  state,
  library,
  connect,
  redirectUri,
}: {
  state: ReportState;
  library: LibraryState;
  connect: ConnectState;
  redirectUri: string;
}) {
  const report = state.report.value;
  const onStart = report === null && !connect.visible.value && library.diff.value === null;
  const problem = state.problem.value;
  const progress = state.progress.value;
  // The start page takes focus when it comes back (after Close snapshot), not on the first load.
  const shownBefore = useRef(false);
  useEffect(() => {
    shownBefore.current = true;
  }, []);
  return (
    <>
      <header class="app-header">
        <span class="app-name">dirsync-preflight</span>
        <span class="app-tagline">Entra ID directory sync readiness</span>
      </header>
      <main id="main">
        {/* On the start page a problem shows where its action was (StartPage), not up here. */}
        {problem && !onStart && <ProblemBanner problem={problem} onDismiss={state.dismissProblem} />}
        {progress && <ProgressPanel progress={progress} onCancel={state.cancel} />}
        {report ? (
          <>
            {report.source.kind === 'live' && <ReadLogLink connect={connect} />}
            <ReportView state={state} />
          </>
        ) : connect.visible.value ? (
          <ConnectTenant connect={connect} redirectUri={redirectUri} />
        ) : library.diff.value ? (
          <DiffView library={library} />
        ) : (
          <>
            <StartPage
              state={state}
              onConnect={connect.open}
              online={connect.online.value}
              takeFocus={shownBefore.current}
            />
            <SnapshotLibrary library={library} busy={state.busy.value} />
          </>
        )}
      </main>
    </>
  );
}
