import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_ENVIRONMENTS,
  authorityFor,
  GRAPH_RESOURCES,
  LOGIN_HOSTS,
  type ScopeOptions,
  scopesFor,
} from '../../../src/auth/clouds.ts';
import type { Cloud } from '../../../src/core/snapshot-schema.ts';
import { GRAPH_HOSTS } from '../../../src/graph/hosts.ts';

const BASE = [
  'User.Read',
  'Application.Read.All',
  'GroupMember.Read.All',
  'User.Read.All',
  'LicenseAssignment.Read.All',
];

const cases: Array<{
  description: string;
  input: { cloud: Cloud; options: ScopeOptions };
  expected: string[];
}> = [
  {
    description: 'global, no options: the five base permissions on graph.microsoft.com',
    input: { cloud: 'global', options: {} },
    expected: BASE.map((p) => `https://graph.microsoft.com/${p}`),
  },
  {
    description: 'US Government: the same permissions on graph.microsoft.us',
    input: { cloud: 'usgov', options: {} },
    expected: BASE.map((p) => `https://graph.microsoft.us/${p}`),
  },
  {
    description: 'contacts on adds OrgContact.Read.All only',
    input: { cloud: 'global', options: { contacts: true } },
    expected: [...BASE, 'OrgContact.Read.All'].map((p) => `https://graph.microsoft.com/${p}`),
  },
  {
    description: 'a hidden-membership group adds Member.Read.Hidden only',
    input: { cloud: 'usgov', options: { hiddenMembership: true } },
    expected: [...BASE, 'Member.Read.Hidden'].map((p) => `https://graph.microsoft.us/${p}`),
  },
  {
    description: 'opting in to permission grants adds Directory.Read.All only',
    input: { cloud: 'global', options: { permissionGrants: true } },
    expected: [...BASE, 'Directory.Read.All'].map((p) => `https://graph.microsoft.com/${p}`),
  },
  {
    description: 'everything on, in a fixed order',
    input: { cloud: 'global', options: { contacts: true, hiddenMembership: true, permissionGrants: true } },
    expected: [...BASE, 'OrgContact.Read.All', 'Member.Read.Hidden', 'Directory.Read.All'].map(
      (p) => `https://graph.microsoft.com/${p}`,
    ),
  },
  {
    description: 'options set to false ask for nothing more',
    input: {
      cloud: 'global',
      options: { contacts: false, hiddenMembership: false, permissionGrants: false },
    },
    expected: BASE.map((p) => `https://graph.microsoft.com/${p}`),
  },
];

describe('scopesFor', () => {
  it.each(cases)('$description', ({ input, expected }) => {
    expect(scopesFor(input.cloud, input.options)).toEqual(expected);
  });

  it('never asks for Directory.Read.All unless the admin opted in', () => {
    for (const contacts of [false, true]) {
      for (const hiddenMembership of [false, true]) {
        const scopes = scopesFor('global', { contacts, hiddenMembership });
        expect(scopes.some((s) => s.endsWith('/Directory.Read.All'))).toBe(false);
      }
    }
  });
});

describe('cloud hosts', () => {
  it('uses the same Graph hosts as the Graph reader', () => {
    expect(GRAPH_RESOURCES).toEqual(GRAPH_HOSTS);
  });

  it.each([
    { cloud: 'global' as const, expected: 'https://login.microsoftonline.com/organizations' },
    { cloud: 'usgov' as const, expected: 'https://login.microsoftonline.us/organizations' },
  ])('signs in to $expected for $cloud', ({ cloud, expected }) => {
    expect(authorityFor(cloud)).toBe(expected);
  });

  it('counts each cloud’s sign-in host among its account environments, and no other cloud’s', () => {
    expect(ACCOUNT_ENVIRONMENTS.global).toContain(LOGIN_HOSTS.global);
    expect(ACCOUNT_ENVIRONMENTS.usgov).toContain(LOGIN_HOSTS.usgov);
    expect(ACCOUNT_ENVIRONMENTS.global.filter((h) => ACCOUNT_ENVIRONMENTS.usgov.includes(h))).toEqual([]);
  });
});
