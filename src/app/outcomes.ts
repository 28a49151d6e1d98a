// The words and icons for what happened to a reached object and for a check's status, in one
// place so the table, the filters, the chart and the sentences say the same thing. Icons are
// decoration (aria-hidden); the word always carries the meaning, colour only reinforces it.
import type { CheckStatus, Severity } from '../core/audit/types.ts';
import { REASON_CODES, type ReasonCode } from '../core/recipient-rules.ts';
import type { Outcome, TableRow } from '../core/row-query.ts';

/** What kind of object a row is, in one word. */
export const TYPE_WORDS: Record<TableRow['type'], string> = {
  user: 'User',
  group: 'Group',
  orgContact: 'Contact',
  device: 'Device',
  servicePrincipal: 'App',
  other: 'Other',
};

export interface OutcomeWords {
  /** Short, for table cells and filter options. */
  short: string;
  /** For chart rows: what the bar stands for. */
  step: string;
  /** For sentences, after a number: "34 disabled". */
  phrase: (count: number) => string;
  icon: string;
  tone: 'pass' | 'fail' | 'muted';
}

const s = (count: number, one: string, many: string) => (count === 1 ? one : many);

export const OUTCOME_WORDS: Record<Outcome, OutcomeWords> = {
  recipient: {
    short: 'Recipient',
    step: 'Recipients',
    phrase: () => 'will be synced',
    icon: '✔',
    tone: 'pass',
  },
  'nested-group': {
    short: 'Nested group',
    step: 'Nested groups (their members count instead)',
    phrase: (n) => s(n, 'nested group', 'nested groups'),
    icon: '⤷',
    tone: 'muted',
  },
  'not-a-person': {
    short: 'Not a person',
    step: 'Not a person (devices, apps)',
    phrase: (n) => s(n, 'is not a person', 'are not people'),
    icon: '✖',
    tone: 'fail',
  },
  malformed: {
    short: 'Malformed',
    step: "Graph's answer could not be read (no type or id)",
    phrase: (n) => `${s(n, 'came', 'came')} back from Graph malformed`,
    icon: '✖',
    tone: 'fail',
  },
  'contacts-off': {
    short: 'Contact, sync off',
    step: 'Contacts (contacts sync is off)',
    phrase: (n) => `${s(n, 'contact', 'contacts')} (contacts sync is off)`,
    icon: '✖',
    tone: 'fail',
  },
  unreadable: {
    short: 'Unreadable',
    step: 'Could not be read',
    phrase: () => 'could not be read',
    icon: '✖',
    tone: 'fail',
  },
  disabled: {
    short: 'Disabled',
    step: 'Disabled accounts',
    phrase: () => 'disabled',
    icon: '✖',
    tone: 'fail',
  },
  'no-email': {
    short: 'No email',
    step: 'No email address',
    phrase: () => 'without an email address',
    icon: '✖',
    tone: 'fail',
  },
  'invalid-email': {
    short: 'Invalid email',
    step: 'Email address not usable',
    phrase: (n) => s(n, 'with an unusable address', 'with unusable addresses'),
    icon: '✖',
    tone: 'fail',
  },
  'duplicate-email': {
    short: 'Duplicate email',
    step: 'Same address as someone before',
    phrase: (n) => s(n, 'duplicate address', 'duplicate addresses'),
    icon: '✖',
    tone: 'fail',
  },
};

export const ALL_REASONS: readonly ReasonCode[] = REASON_CODES;

export interface StatusWords {
  word: string;
  icon: string;
}

export const STATUS_WORDS: Record<CheckStatus, StatusWords> = {
  fail: { word: 'Fail', icon: '✖' },
  warn: { word: 'Warning', icon: '▲' },
  skip: { word: 'Skipped', icon: '○' },
  pass: { word: 'Pass', icon: '✔' },
};

export const SEVERITY_WORDS: Record<Severity, string> = {
  high: 'High impact',
  medium: 'Medium impact',
  low: 'Low impact',
};
