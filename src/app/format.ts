// Number and date formatting for the reader's locale, in one place so every count lines up the same way.
import { plural as pluralOf } from '../core/plural.ts';

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : integer.format(value);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/**
 * Sizes in decimal units, as the upload's "10 MB" limit counts them, rounded down so a part just
 * under the limit never reads as "10 MB".
 */
export function formatBytes(bytes: number): string {
  const down = (value: number) =>
    (Math.floor(value * 10) / 10).toLocaleString(undefined, { maximumFractionDigits: 1 });
  if (bytes < 1000) return `${formatCount(bytes)} B`;
  if (bytes < 1_000_000) return `${down(bytes / 1000)} KB`;
  return `${down(bytes / 1_000_000)} MB`;
}

/** "1 person", "2 people" (Intl.PluralRules, through the core's plural), the count formatted. */
export function plural(count: number, one: string, many: string): string {
  return pluralOf(count, one, many, formatCount);
}
