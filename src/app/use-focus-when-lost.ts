// Where focus goes when a view replaces the one that held it: a button that disappears with its
// view (Close snapshot, Open the demo tenant) leaves focus on <body>, and a keyboard or screen
// reader user starts again from the top. A view that appears takes focus, but only when focus was
// lost that way: focus the user has put somewhere still on the page stays where it is.
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

export function focusWasLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/** On mount (when `enabled`), moves focus to `target` if focus was lost. */
export function useFocusWhenLost(target: RefObject<HTMLElement | null>, enabled = true): void {
  useLayoutEffect(() => {
    if (enabled && focusWasLost()) target.current?.focus();
  }, []);
}
