// Whether a media query matches now, following changes (e.g. a phone turned sideways). Tables
// with a fixed row height need it in script, not only in CSS, to pick their row height.
import { useEffect, useMemo, useState } from 'preact/hooks';

export function useMediaQuery(query: string): boolean {
  const list = useMemo(() => (typeof matchMedia === 'function' ? matchMedia(query) : null), [query]);
  const [matches, setMatches] = useState(list?.matches ?? false);
  useEffect(() => {
    if (!list) return;
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [list]);
  return matches;
}
