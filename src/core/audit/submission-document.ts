// The text document the guide's sections 9–10 ask the admin to send Axios HQ, filled from the
// snapshot plus what only the admin knows. The secret value is typed by the admin at download time
// and passed straight in: this module never stores it, and without one it leaves a line to paste
// it into. A value that looks like a GUID is most likely the Secret ID pasted by mistake.
import { escapeHidden, inlineText } from '../display-text.ts';
import { isGuid } from '../ids.ts';
import { resolveSelection } from '../preview.ts';
import { isPlausibleMailbox } from '../recipient-rules.ts';
import { type DataError, fail, ok, type Result } from '../result.ts';
import type { Snapshot } from '../snapshot-schema.ts';
import { secretLifecycle } from './secrets.ts';

export interface SubmissionFields {
  organizationNames: string[];
  ownerName: string;
  ownerEmail: string;
  /** The client secret's Value, typed by the admin; never kept anywhere. */
  secretValue?: string;
}

/** Problems with the typed fields, as data (code, path = field name, message); [] when fine. */
export function validateSubmissionFields(fields: SubmissionFields, snapshot?: Snapshot): DataError[] {
  const errors: DataError[] = [];
  const names = fields.organizationNames.map((name) => name.trim());
  if (names.every((name) => name === ''))
    errors.push({
      code: 'required',
      path: 'organizationNames',
      message: 'give the name of the Axios HQ organization this directory links to',
    });
  if (fields.ownerName.trim() === '')
    errors.push({ code: 'required', path: 'ownerName', message: 'give the setup owner’s name' });
  const email = fields.ownerEmail.trim();
  if (email === '')
    errors.push({ code: 'required', path: 'ownerEmail', message: 'give the setup owner’s email address' });
  else if (!isPlausibleMailbox(email))
    errors.push({ code: 'invalid_email', path: 'ownerEmail', message: `"${email}" is not an email address` });
  const value = fields.secretValue;
  if (value !== undefined && value.trim() !== '') {
    const keyIds = snapshot ? secretLifecycle(snapshot.app?.application ?? null, new Date(0)).secrets : [];
    if (isGuid(value.trim()) || keyIds.some((s) => s.keyId?.toLowerCase() === value.trim().toLowerCase()))
      errors.push({
        code: 'secret_id_as_value',
        path: 'secretValue',
        message:
          'this looks like the Secret ID; paste the secret’s Value (shown only once, when it was created)',
      });
    else if (/[\r\n]/.test(value))
      errors.push({ code: 'invalid_secret', path: 'secretValue', message: 'the secret value is one line' });
  }
  return errors;
}

const yesNo = (yes: boolean, ifYes: string, ifNo: string): string => (yes ? ifYes : ifNo);

/**
 * The document's sink: every value is one line. A line break, control, bidi or invisible character
 * in a tenant name, group id or typed field is shown as an escape (\n, \u202e), so no value can add
 * a line such as a second "Application (client) ID" (issue #10, item 8).
 */
function field(value: string): string {
  return escapeHidden(value);
}

/** The plain-text document (LF line endings), in the guide's order and words. */
export function submissionDocument(snapshot: Snapshot, fields: SubmissionFields): string {
  const app = snapshot.app;
  // End dates do not depend on "now"; any date orders the secrets the same way.
  const latest = secretLifecycle(app?.application ?? null, new Date(snapshot.capturedAt)).latest;
  const selection = resolveSelection(snapshot);
  const names = fields.organizationNames.map((name) => name.trim()).filter((name) => name !== '');
  const value = fields.secretValue?.trim() ?? '';
  const lines = [
    'Axios HQ Directory Sync: Application Registration details',
    `Directory: ${inlineText(snapshot.tenant.displayName ?? snapshot.tenant.id)}`,
    '',
    'Axios HQ Organization',
    ...(names.length > 0
      ? names.map((name) => `  Organization name: ${field(name)}`)
      : ['  Organization name:']),
    '',
    'Setup Owner',
    `  Name: ${field(fields.ownerName.trim())}`,
    `  Email: ${field(fields.ownerEmail.trim())}`,
    '',
    'Application Registration Details',
    `  Application (client) ID: ${field(app?.application?.appId ?? app?.clientId ?? '')}`,
    `  Directory (tenant) ID: ${field(snapshot.tenant.id)}`,
    `  Client credentials Secret ID: ${latest?.keyId ? field(latest.keyId) : '(no client secret found: create one under Certificates & secrets)'}`,
    ...(latest?.endDateTime ? [`  Client secret expires: ${field(latest.endDateTime)}`] : []),
    `  Client credentials Secret Value: ${value !== '' ? field(value) : '(paste the Value you copied when you created the secret)'}`,
    '',
    'Optional fields',
    `  Groups (Azure Object IDs, separated by commas): ${selection.groupIds.map(field).join(',')}`,
    `  Azure Government: ${yesNo(snapshot.cloud === 'usgov', 'Yes, our team is using Azure Government', 'No, our team is using Azure Global')}`,
    `  Username fallback: ${yesNo(selection.usernameFallback, 'Yes, use the "username" field as a fallback for email addresses', 'No, we do not use the "username" field as a fallback')}`,
    `  Contacts: ${yesNo(selection.syncContacts, 'Yes, sync Contacts in addition to Users', 'No, our organization does not leverage Contacts')}`,
    '',
  ];
  return lines.join('\n');
}

/** Validates the typed fields, then builds the document: errors as data, never a half-filled file. */
export function buildSubmissionDocument(snapshot: Snapshot, fields: SubmissionFields): Result<string> {
  const errors = validateSubmissionFields(fields, snapshot);
  return errors.length > 0 ? fail(errors) : ok(submissionDocument(snapshot, fields));
}
