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
    expected: /did not complete \(access_denied: AADSTS65004: declined\)/,
  },
  {
    description: 'an error in the fragment',
    input: { search: '', hash: '#error=server_error' },
    expected: /did not complete \(server_error\)/,
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
});
