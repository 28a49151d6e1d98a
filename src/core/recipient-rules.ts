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
// needs neutralising in the CSV. ('@' cannot start a plausible address anyway.)
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0xff1d, 0xff0b, 0xff0d, 0xff20]);

/**
 * "Plausible mailbox" of recipient-rules.md. Nearly every address is ASCII, where the forbidden
 * classes hold only U+0000–U+0020 and U+007F: one pass over the char codes decides those, and the
 * Unicode class regex (several times slower per address) runs only on an address with a non-ASCII
 * character. Equal to the regex-only rule: test/unit/core/mailbox.property.test.ts.
 */
export function isPlausibleMailbox(address: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0 || address.indexOf('@', at + 1) !== -1) return false;
  if (FORMULA_START.has(address.charCodeAt(0))) return false;
  let ascii = true;
  for (let i = 0; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (code >= 0x80) {
      ascii = false;
      break;
    }
    if (code <= 0x20 || code === 0x7f) return false;
  }
  if (!ascii && FORBIDDEN_CHARACTER.test(address)) return false;
  // The domain: at least two labels, none empty (no leading, trailing or doubled dot).
  let lastDot = at;
  let dots = 0;
  for (let i = at + 1; i < address.length; i++) {
    if (address.charCodeAt(i) !== 0x2e) continue;
    if (i === lastDot + 1) return false;
    lastDot = i;
    dots++;
  }
  return dots > 0 && lastDot !== address.length - 1;
}

/** The CSV's Name: trimmed displayName, else "givenName surname" (skipping an empty one), else ''. */
export function displayNameOf(object: RawObject): string {
  const display = trimmed(object.displayName);
  if (display !== '') return display;
  return [trimmed(object.givenName), trimmed(object.surname)].filter((part) => part !== '').join(' ');
}
