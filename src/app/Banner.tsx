// The frame every message banner shares: the status as an icon and a word (the word is for screen
// readers, the icon is hidden from them), a title, the body, and Dismiss when it can be dismissed.
// Also the list of a snapshot's incomplete reads, which three banners show.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PreviewSummary } from '../core/preview-summary.ts';

const TONES = {
  error: { icon: '✖', word: 'Error: ' },
  warn: { icon: '▲', word: 'Warning: ' },
} as const;

export function Banner({
  tone,
  title,
  role,
  onDismiss,
  problemCode,
  takeFocus = false,
  children,
}: {
  tone: keyof typeof TONES;
  title: ComponentChildren;
  role?: 'alert' | 'status';
  onDismiss?: () => void;
  /** Names the problem for tests and support (`data-problem`). */
  problemCode?: string;
  /** Take focus when shown (and so scroll into view): for a message about what was just done. */
  takeFocus?: boolean;
  children?: ComponentChildren;
}) {
  const { icon, word } = TONES[tone];
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (takeFocus) box.current?.focus();
  }, []);
  return (
    <div
      class={`banner banner-${tone}`}
      role={role}
      data-problem={problemCode}
      ref={box}
      tabIndex={takeFocus ? -1 : undefined}
    >
      <span class="status-icon" aria-hidden="true">
        {icon}
      </span>
      <div class="banner-body">
        <p class="banner-title">
          <span class="visually-hidden">{word}</span>
          {title}
        </p>
        {children}
      </div>
      {onDismiss && (
        <button type="button" class="button-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

export function IncompleteReads({ reads }: { reads: PreviewSummary['incompleteReads'] }) {
  return (
    <ul class="banner-details">
      {reads.map((read) => (
        <li key={read.path}>
          <code>{read.path}</code>: {read.reason}
        </li>
      ))}
    </ul>
  );
}
