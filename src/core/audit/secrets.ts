// The client secrets of the sync app's registration, judged against "now": days left, expired or
// expiring soon, and a calendar reminder to rotate one before it runs out. Certificates are listed
// but do not count, because the vendor authenticates with a secret. A secret's value never reaches
// a snapshot (Graph returns only its hint), and nothing here accepts one.
import { inlineText } from '../display-text.ts';
import type { SnapshotApplication } from '../snapshot-schema.ts';
import { escapeText, formatDate, formatUtc, icsStream } from './ics.ts';

export const EXPIRY_WARNING_DAYS = 30;
/** The reminder lands this many days before the end date, time enough to send a new value. */
export const REMINDER_DAYS_BEFORE = 14;
const DAY_MS = 86_400_000;

export type CredentialState = 'expired' | 'expiring' | 'valid';

export interface SecretInfo {
  /** The Secret ID the portal shows (and the vendor asks for). */
  keyId: string | null;
  displayName: string | null;
  /** The first characters of the value, as the portal shows them. */
  hint: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
  /** Whole days from now to the end date (negative once expired); null without an end date. */
  daysLeft: number | null;
  state: CredentialState;
}

export interface CertificateInfo {
  keyId: string | null;
  displayName: string | null;
  type: string | null;
  endDateTime: string | null;
  daysLeft: number | null;
  state: CredentialState;
}

export interface SecretLifecycle {
  /** Every client secret, latest end date first. */
  secrets: SecretInfo[];
  certificates: CertificateInfo[];
  /** The secret with the latest end date (the one to send), or null when there is none. */
  latest: SecretInfo | null;
  /** False when the application carried neither passwordCredentials nor keyCredentials. */
  read: boolean;
}

function judge(endDateTime: string | null | undefined, now: Date): Pick<SecretInfo, 'daysLeft' | 'state'> {
  const end = endDateTime ? Date.parse(endDateTime) : Number.NaN;
  if (Number.isNaN(end)) return { daysLeft: null, state: 'valid' };
  const left = end - now.getTime();
  const daysLeft = Math.floor(left / DAY_MS);
  if (left <= 0) return { daysLeft, state: 'expired' };
  return { daysLeft, state: left <= EXPIRY_WARNING_DAYS * DAY_MS ? 'expiring' : 'valid' };
}

const endOf = (item: { endDateTime: string | null }): number => {
  const end = item.endDateTime ? Date.parse(item.endDateTime) : Number.NaN;
  return Number.isNaN(end) ? Number.POSITIVE_INFINITY : end;
};

export function secretLifecycle(application: SnapshotApplication | null, now: Date): SecretLifecycle {
  const passwords = application?.passwordCredentials;
  const keys = application?.keyCredentials;
  const secrets: SecretInfo[] = (passwords ?? []).map((credential) => ({
    keyId: credential.keyId ?? null,
    displayName: credential.displayName ?? null,
    hint: credential.hint ?? null,
    startDateTime: credential.startDateTime ?? null,
    endDateTime: credential.endDateTime ?? null,
    ...judge(credential.endDateTime, now),
  }));
  secrets.sort((a, b) => endOf(b) - endOf(a));
  const certificates: CertificateInfo[] = (keys ?? []).map((credential) => ({
    keyId: credential.keyId ?? null,
    displayName: credential.displayName ?? null,
    type: credential.type ?? null,
    endDateTime: credential.endDateTime ?? null,
    ...judge(credential.endDateTime, now),
  }));
  return {
    secrets,
    certificates,
    latest: secrets[0] ?? null,
    read: passwords !== undefined || keys !== undefined,
  };
}

/** The portal steps to replace a secret, and the reminder that the vendor needs the new value. */
export function rotationSteps(place: string): string {
  return [
    `${place} → + New client secret: give it a description and choose the longest expiry offered.`,
    'Copy the Value right away (it is shown only once) and the Secret ID.',
    'Send the new Value and Secret ID to Axios HQ again, with your organization name and IT contact, through the secure link of the setup guide ("My directory is not up-to-date"); the sync stops when the old secret expires.',
    'Once Axios HQ confirms the sync is back online, delete the old secret.',
  ].join('\n');
}

export interface ReminderOptions {
  tenantName: string;
  appName: string;
  now: string | Date;
  daysBefore?: number;
  /** A link to the app's Certificates & secrets page, put in the event's URL and description. */
  link?: string;
}

/**
 * A one-event iCalendar file reminding to rotate `secret` before it expires: an all-day event
 * `daysBefore` days ahead of the end date (today when that is past) with an alarm the morning before.
 * Throws a RangeError when the secret has no valid end date (there is nothing to remind of).
 */
export function secretReminderIcs(
  secret: Pick<SecretInfo, 'keyId' | 'hint' | 'displayName' | 'endDateTime'>,
  options: ReminderOptions,
): string {
  const end = secret.endDateTime ? new Date(secret.endDateTime) : null;
  if (end === null || Number.isNaN(end.getTime())) throw new RangeError('the secret has no valid end date');
  const now = new Date(options.now);
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');
  const daysBefore = options.daysBefore ?? REMINDER_DAYS_BEFORE;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const day = new Date(Math.max(today, end.getTime() - daysBefore * DAY_MS));
  const next = new Date(day.getTime() + DAY_MS);
  const secretId = secret.keyId ?? 'unknown';
  const uid = secret.keyId
    ? secret.keyId.toLowerCase().replace(/[^0-9a-z-]/g, '')
    : `no-key-${formatUtc(end)}`;
  const label = secret.displayName ? `"${inlineText(secret.displayName)}" ` : '';
  const description = [
    `The client secret ${label}of the app registration "${inlineText(options.appName)}" in ${inlineText(options.tenantName)} expires on ${end.toISOString()}.`,
    `Secret ID: ${secretId}${secret.hint ? ` (value starts with ${secret.hint})` : ''}.`,
    'When it expires, Axios HQ can no longer read your directory.',
    '',
    rotationSteps(`App registrations → ${inlineText(options.appName)} → Certificates & secrets`),
    ...(options.link ? ['', options.link] : []),
  ].join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//dirsync-preflight//secret reminder//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${uid}-secret-expiry@dirsync-preflight`,
    `DTSTAMP:${formatUtc(now)}`,
    `DTSTART;VALUE=DATE:${formatDate(day)}`,
    `DTEND;VALUE=DATE:${formatDate(next)}`,
    `SUMMARY:${escapeText(`Rotate the client secret of ${inlineText(options.appName)} (${inlineText(options.tenantName)})`)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(options.link ? [`URL:${options.link}`] : []),
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(`Client secret of ${inlineText(options.appName)} expires ${formatDate(end)}`)}`,
    // 9:00 the day before the all-day event; calendar clients honour negative offsets best.
    'TRIGGER:-PT15H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return icsStream(lines);
}
