// A pop-up sign-in in flight, and whether the admin came back to this page meanwhile. MSAL 5 waits
// for its redirect bridge (a BroadcastChannel from /redirect.html) until popupBridgeTimeout and does
// not watch the window, so a closed pop-up looks like a slow one for a whole minute. Coming back to
// the page (focus, a click or a key) while sign-in is pending is the sign that the window was closed
// or left: the page then offers Cancel and Try again at once. A newer attempt (Try again, which asks
// MSAL to override the pending interaction) or Cancel makes the older one's outcome irrelevant.
import { type ReadonlySignal, signal } from '@preact/signals';
import type { ConnectProblem } from './connect-problems.ts';

/** Calls back when the admin is back on this page; returns the unsubscribe. */
export type WatchReturn = (listener: () => void) => () => void;

export interface PopupAttempt {
  /** The attempt settled: stops watching; false when it was cancelled or superseded (ignore it). */
  end(): boolean;
  /**
   * The problem to show for its failure: a bridge that "timed out" after the admin had come back
   * means the window was closed, not that /redirect.html is broken.
   */
  explain(problem: ConnectProblem): ConnectProblem;
}

export interface PopupWatch {
  /** True once the admin is back on the page while a pop-up sign-in is pending. */
  readonly returned: ReadonlySignal<boolean>;
  begin(): PopupAttempt;
  /** Forgets the attempt in flight: its outcome, whenever it comes, is ignored. */
  cancel(): void;
}

export function createPopupWatch(watchReturn: WatchReturn | undefined): PopupWatch {
  const returned = signal(false);
  let generation = 0;
  let stop: (() => void) | null = null;

  const finish = () => {
    stop?.();
    stop = null;
    returned.value = false;
  };

  return {
    returned,
    begin() {
      finish();
      const mine = ++generation;
      let cameBack = false;
      stop =
        watchReturn?.(() => {
          if (mine !== generation) return;
          cameBack = true;
          returned.value = true;
        }) ?? null;
      return {
        end() {
          if (mine !== generation) return false;
          finish();
          return true;
        },
        explain: (problem) => (cameBack && problem.code === 'timed_out' ? closedPopupProblem() : problem),
      };
    },
    cancel() {
      generation++;
      finish();
    },
  };
}

export function closedPopupProblem(): ConnectProblem {
  return {
    code: 'popup_closed',
    title: 'Sign-in did not finish',
    message: 'The sign-in window was closed before sign-in finished. Sign in again when you are ready.',
  };
}
