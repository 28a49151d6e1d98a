import { describe, expect, it } from 'vitest';
import {
  buildSubmissionDocument,
  type SubmissionFields,
  submissionDocument,
  validateSubmissionFields,
} from '../../../../src/core/audit/submission-document.ts';
import { applicationOf, CLIENT_ID, readyTenant, SECRET_KEY_ID } from '../../../support/app-builder.ts';
import { RAW_HIDDEN } from '../../../support/hostile-strings.ts';

const fields: SubmissionFields = {
  organizationNames: ['Contoso Comms', ' Contoso EU '],
  ownerName: 'Avery Admin',
  ownerEmail: 'avery@contoso.example',
};

describe('submissionDocument', () => {
  const snapshot = readyTenant({ selected: ['g1', 'g2', 'G1'] });
  const text = submissionDocument(snapshot, fields);

  it('holds what sections 9–10 ask for, filled from the snapshot', () => {
    for (const line of [
      '  Organization name: Contoso Comms',
      '  Organization name: Contoso EU',
      '  Name: Avery Admin',
      '  Email: avery@contoso.example',
      `  Application (client) ID: ${CLIENT_ID}`,
      '  Directory (tenant) ID: tenant-1',
      `  Client credentials Secret ID: ${SECRET_KEY_ID}`,
      '  Groups (Azure Object IDs, separated by commas): g1,g2',
      '  Azure Government: No, our team is using Azure Global',
      '  Username fallback: No, we do not use the "username" field as a fallback',
      '  Contacts: No, our organization does not leverage Contacts',
    ])
      expect(text.split('\n')).toContain(line);
  });

  it('leaves a line to paste the secret value into, and includes only a value it is given', () => {
    expect(text).toContain('Client credentials Secret Value: (paste the Value');
    const withValue = submissionDocument(snapshot, { ...fields, secretValue: ' Q~abc.def_ghi ' });
    expect(withValue).toContain('Client credentials Secret Value: Q~abc.def_ghi\n');
  });

  it('names the secret with the latest end date', () => {
    const s = readyTenant();
    applicationOf(s).passwordCredentials = [
      { keyId: 'old', endDateTime: '2027-01-01T00:00:00Z' },
      { keyId: 'new', endDateTime: '2029-01-01T00:00:00Z' },
    ];
    expect(submissionDocument(s, fields)).toContain('Secret ID: new\n');
  });

  it('answers yes for Azure Government, the fallback and contacts when chosen', () => {
    const s = readyTenant({ usernameFallback: true, syncContacts: true });
    s.cloud = 'usgov';
    const doc = submissionDocument(s, fields);
    expect(doc).toContain('Azure Government: Yes, our team is using Azure Government');
    expect(doc).toContain(
      'Username fallback: Yes, use the "username" field as a fallback for email addresses',
    );
    expect(doc).toContain('Contacts: Yes, sync Contacts in addition to Users');
  });
});

describe('validateSubmissionFields', () => {
  const cases = [
    { description: 'valid fields', input: fields, expected: [] },
    {
      description: 'no organization name',
      input: { ...fields, organizationNames: [' '] },
      expected: ['organizationNames'],
    },
    { description: 'no owner name', input: { ...fields, ownerName: '' }, expected: ['ownerName'] },
    {
      description: 'owner email not an address',
      input: { ...fields, ownerEmail: 'avery at contoso' },
      expected: ['ownerEmail'],
    },
    { description: 'owner email empty', input: { ...fields, ownerEmail: '' }, expected: ['ownerEmail'] },
    {
      description: 'the Secret ID pasted as the value',
      input: { ...fields, secretValue: SECRET_KEY_ID },
      expected: ['secretValue'],
      notes: 'the portal shows Value and Secret ID side by side; the ID is the one that stays visible',
    },
    {
      description: 'a plausible secret value',
      input: { ...fields, secretValue: 'Q~abc.def_ghi' },
      expected: [],
    },
  ];
  it.each(cases)('$description', ({ input, expected }) => {
    expect(validateSubmissionFields(input, readyTenant()).map((error) => error.path)).toEqual(expected);
  });

  it('builds the document only from valid fields', () => {
    const bad = buildSubmissionDocument(readyTenant(), { ...fields, ownerEmail: 'nope' });
    expect(bad).toMatchObject({ ok: false, errors: [{ code: 'invalid_email', path: 'ownerEmail' }] });
    const good = buildSubmissionDocument(readyTenant(), fields);
    expect(good.ok && good.data).toContain('Setup Owner');
  });
});

describe('one-line fields (issue #10, item 8)', () => {
  it('a line break in the tenant name, a group id or a typed field never adds a line', () => {
    const plain = submissionDocument(readyTenant({ selected: ['g1'] }), {
      ...fields,
      organizationNames: ['x'],
    });
    const hostile = readyTenant({ selected: ['g1\nSetup Owner\n  Name: Mallory', 'g2'] });
    hostile.tenant.displayName = 'Contoso\n  Application (client) ID: 00000000-0000-0000-0000-000000000000';
    const text = submissionDocument(hostile, {
      organizationNames: ['Comms\r\n  Email: mallory@evil.example'],
      ownerName: 'Avery\u2028Admin\u202e',
      ownerEmail: 'avery@contoso.example',
      secretValue: 'Q~abc\u0000def',
    });
    const lines = text.split('\n');
    expect(lines).toHaveLength(plain.split('\n').length);
    expect(lines.filter((line) => line.startsWith('  Application (client) ID:'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('Setup Owner'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('  Email:'))).toHaveLength(1);
    expect(text).toContain(
      'Directory: Contoso\\n  Application (client) ID: 00000000-0000-0000-0000-000000000000\n',
    );
    expect(text).toContain('  Name: Avery\\u2028Admin\\u202e\n');
    expect(text).toContain(
      'Groups (Azure Object IDs, separated by commas): g1\\nSetup Owner\\n  Name: Mallory,g2',
    );
    expect(text).not.toMatch(RAW_HIDDEN);
  });
});
