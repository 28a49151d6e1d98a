// The application frame: header, the problem and progress areas, and the page for the state.
import type { LibraryState } from '../state/library-state.ts';
import type { ReportState } from '../state/report-state.ts';
import { DiffView } from './DiffView.tsx';
import { ProblemBanner } from './ProblemBanner.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { ReportView } from './ReportView.tsx';
import { SnapshotLibrary } from './SnapshotLibrary.tsx';
import { StartPage } from './StartPage.tsx';

export function App({ state, library }: { state: ReportState; library: LibraryState }) {
  const report = state.report.value;
  const problem = state.problem.value;
  const progress = state.progress.value;
  return (
    <>
      <header class="app-header">
        <span class="app-name">dirsync-preflight</span>
        <span class="app-tagline">Entra ID directory sync readiness</span>
      </header>
      <main id="main">
        {problem && <ProblemBanner problem={problem} onDismiss={state.dismissProblem} />}
        {progress && <ProgressPanel progress={progress} onCancel={state.cancel} />}
        {report ? (
          <ReportView state={state} />
        ) : library.diff.value ? (
          <DiffView library={library} />
        ) : (
          <>
            <StartPage state={state} />
            <SnapshotLibrary library={library} busy={state.busy.value} />
          </>
        )}
      </main>
    </>
  );
}
