// Renders a component into the document for a happy-dom test, and unmounts and removes it after
// each test of the file that imports this (the afterEach is registered on import).
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';

let host: HTMLElement | null = null;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = null;
});

export function mount(node: ComponentChild): HTMLElement {
  const root = document.createElement('div');
  host = root;
  document.body.append(root);
  act(() => render(node, root));
  return root;
}
