// The page's sink for text from a snapshot (names, addresses, ids, paths): isolated in <bdi> so a
// right-to-left override cannot reorder what surrounds it, at most 256 characters with the full
// length said (a 1 MB name froze the page for seconds), and for addresses every bidi control and
// invisible character shown as a visible escape (\u202e), since an address is read letter by
// letter. `plainText` is the same for places that take no elements: title, <option>, aria-label.
import { capText, escapeHidden, shortText } from '../core/display-text.ts';
import { formatCount } from './format.ts';

export function SnapshotText({ value, address = false }: { value: string; address?: boolean }) {
  const capped = capText(value);
  const text = address ? escapeHidden(capped.text) : capped.text;
  return (
    <bdi class={address ? 'snapshot-text snapshot-address' : 'snapshot-text'}>
      {text}
      {capped.capped && <span class="snapshot-cut">… ({formatCount(capped.length)} characters)</span>}
    </bdi>
  );
}

/**
 * Snapshot text for attributes and options: capped, hidden characters escaped (a plain string
 * cannot isolate itself), then wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the
 * plain-text form of <bdi>; the text's own isolates are escaped, so it cannot close ours.
 */
export function plainText(value: string): string {
  return `\u2068${escapeHidden(shortText(value))}\u2069`;
}
