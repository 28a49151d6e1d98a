// The page's sink for text from a snapshot (names, addresses, ids, paths): isolated in <bdi> so a
// right-to-left override cannot reorder what surrounds it, at most 256 characters with the full
// length said (a 1 MB name froze the page for seconds), and for addresses every bidi control and
// invisible character shown as a visible escape (\u202e), since an address is read letter by
// letter. `plainText` is the same for places that take no elements: title, <option>, aria-label.
import { escapeHidden, SHORTENED, shortText } from '../core/display-text.ts';

export function SnapshotText({ value, address = false }: { value: string; address?: boolean }) {
  // shortText leaves a value the core already shortened as it is (a path's hop), so its note keeps
  // the real name's length instead of counting the shortened text again.
  const shown = shortText(value);
  const cut = shown === value && value.length <= 256 ? null : SHORTENED.exec(shown);
  const body = cut ? shown.slice(0, cut.index) : shown;
  return (
    <bdi class={address ? 'snapshot-text snapshot-address' : 'snapshot-text'}>
      {address ? escapeHidden(body) : body}
      {cut && <span class="snapshot-cut">{cut[0]}</span>}
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
