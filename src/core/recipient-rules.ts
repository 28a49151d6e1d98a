// The per-object half of recipient-rules.md: what one reached object is (nested group, excluded
// for a reason, or a candidate recipient) and which address the rules looked at. Duplicates are
// the other half: they depend on walk order, so the walk decides them (see preview.ts).
import type { RawObject } from './directory-index.ts';

export type ReasonCode =
  | 'not-a-person'
  | 'malformed'
  | 'contacts-off'
  | 'unreadable'
  | 'disabled'
  | 'no-email'
  | 'invalid-email'
  | 'duplicate-email';

/** The reason codes in the order the rules apply them. */
export const REASON_CODES: readonly ReasonCode[] = [
  'not-a-person',
  'malformed',
  'contacts-off',
  'unreadable',
  'disabled',
  'no-email',
  'invalid-email',
  'duplicate-email',
];

/** Outcome of one reached object, as a small number so walks fit in typed arrays. */
export const OUTCOME_RECIPIENT = 0;
export const OUTCOME_NESTED_GROUP = 1;
/** Outcome code of a reason: 2 + its position in REASON_CODES. */
export const outcomeOfReason = (reason: ReasonCode): number => 2 + REASON_CODES.indexOf(reason);
export const reasonOfOutcome = (outcome: number): ReasonCode | null => REASON_CODES[outcome - 2] ?? null;
export const OUTCOME_DUPLICATE = outcomeOfReason('duplicate-email');

export interface RuleOptions {
  usernameFallback: boolean;
  syncContacts: boolean;
}

export interface PersonVerdict {
  /** OUTCOME_RECIPIENT for a candidate (it may still be a duplicate), else a reason's outcome. */
  outcome: number;
  /** The usable address (trimmed), or '' when there is none. */
  email: string;
}

const KIND_USER = 0;
const KIND_GROUP = 1;
const KIND_CONTACT = 2;

/** Steps 1–7 of recipient-rules.md for one object of the given kind (a DirectoryIndex kind code). */
export function judgeObject(object: RawObject, kind: number, options: RuleOptions): PersonVerdict {
  if (kind === KIND_GROUP) return { outcome: OUTCOME_NESTED_GROUP, email: '' };
  if (kind !== KIND_USER && kind !== KIND_CONTACT) {
    const reason = isMalformed(object) ? 'malformed' : 'not-a-person';
    return { outcome: outcomeOfReason(reason), email: '' };
  }
  if (kind === KIND_CONTACT && !options.syncContacts) {
    return { outcome: outcomeOfReason('contacts-off'), email: usableAddress(object, kind, options) };
  }
  if (isUnreadable(object)) return { outcome: outcomeOfReason('unreadable'), email: '' };
  const email = usableAddress(object, kind, options);
  if (kind === KIND_USER && object.accountEnabled === false)
    return { outcome: outcomeOfReason('disabled'), email };
  if (email === '') return { outcome: outcomeOfReason('no-email'), email };
  if (!isPlausibleMailbox(email)) return { outcome: outcomeOfReason('invalid-email'), email };
  return { outcome: OUTCOME_RECIPIENT, email };
}

/**
 * The annotation the Graph reader puts on a member Graph sent in a shape it could not take (no
 * @odata.type, no id, …), with the reason; such an object is recorded as a directoryObject.
 */
export const MALFORMED_NOTE = '@dirsync.malformed';

/** A member the reader kept but could not read (see MALFORMED_NOTE). */
export function isMalformed(object: RawObject): boolean {
  return typeof object[MALFORMED_NOTE] === 'string';
}

/** Graph's "limited information" answer: nothing but id and type carries a value. */
export function isUnreadable(object: RawObject): boolean {
  for (const key in object) {
    if (key === 'id' || key === '@odata.type') continue;
    if (object[key] !== null && object[key] !== undefined) return false;
  }
  return true;
}

const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The address the sync would use, trimmed, or '' (recipient-rules.md, "Usable address"). */
export function usableAddress(object: RawObject, kind: number, options: RuleOptions): string {
  const mail = trimmed(object.mail);
  if (mail !== '') return mail;
  if (kind !== KIND_USER || !options.usernameFallback) return '';
  const upn = trimmed(object.userPrincipalName);
  // A guest's external UPN (alias_contoso.com#EXT#@tenant…) is no mailbox.
  if (upn.toUpperCase().includes('#EXT#')) return '';
  return upn;
}

// Unicode Zs, Zl, Zp (spaces, NBSP, U+2028/9), Cc (controls) and Cf (U+200B, U+FEFF, …).
const FORBIDDEN_CHARACTER = /[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}]/u;
// Spreadsheet formula triggers and their full-width forms: our rule, so the Email column never
// needs neutralising in the CSV.
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** "Plausible mailbox" of recipient-rules.md. */
export function isPlausibleMailbox(address: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0 || address.indexOf('@', at + 1) !== -1) return false;
  if (FORMULA_START.test(address)) return false;
  if (FORBIDDEN_CHARACTER.test(address)) return false;
  const labels = address.slice(at + 1).split('.');
  if (labels.length < 2) return false;
  for (const label of labels) if (label === '') return false;
  return true;
}

/** The CSV's Name: trimmed displayName, else "givenName surname" (skipping an empty one), else ''. */
export function displayNameOf(object: RawObject): string {
  const display = trimmed(object.displayName);
  if (display !== '') return display;
  return [trimmed(object.givenName), trimmed(object.surname)].filter((part) => part !== '').join(' ');
}
