import { describe, expect, it } from 'vitest';
import { bridgeMessage } from '../../../src/auth/bridge-message.ts';

const cases = [
  {
    description: 'the admin-consent page returning with consent granted',
    input: { search: '?admin_consent=True&tenant=7e7e7e7e-2222-4222-8222-000000000001', hash: '' },
    expected: /Admin consent is granted/,
  },
  {
    description: 'the admin-consent page returning with an error in the query',
    input: { search: '?error=access_denied&error_description=AADSTS65004%3A+declined', hash: '' },
    expected: /^Sign-in did not complete\. The permission request was declined or cancelled\. Close this tab/,
  },
  {
    description: 'an error in the fragment',
    input: { search: '', hash: '#error=server_error' },
    expected: /^Sign-in did not complete\. Microsoft had an error\. Close this tab/,
  },
  {
    description: 'the page opened by hand',
    input: { search: '', hash: '' },
    expected: /nothing to do here/,
  },
];

describe('bridgeMessage', () => {
  it.each(cases)('$description', ({ input, expected }) => {
    expect(bridgeMessage(input.search, input.hash)).toMatch(expected);
  });

  it.each([
    {
      description: 'a crafted description',
      search: '?error=access_denied&error_description=Call+%2B1-555-0100+to+restore+access',
    },
    { description: 'a crafted code', search: '?error=Call+%2B1-555-0100+now' },
    { description: 'a code that is an Object property', search: '?error=constructor' },
    { description: 'a crafted code in the fragment', search: '', hash: '#error=%E2%80%AEevil' },
  ])('never echoes the URL: $description (issue #10, item 9)', ({ search, hash = '' }) => {
    const message = bridgeMessage(search, hash);
    expect(message).not.toMatch(/555|Call|evil|constructor|\u202e/);
    expect(message).toMatch(/^Sign-in did not complete\./);
  });
});
