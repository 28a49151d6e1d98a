import { describe, expect, it } from 'vitest';
import { readPath, relativeToVersion, resolveGraphBase } from '../../../src/graph/hosts.ts';

describe('resolveGraphBase', () => {
  it.each([
    { description: 'global', input: ['global', undefined], expected: 'https://graph.microsoft.com' },
    {
      description: 'US Government (L4 / GCC High)',
      input: ['usgov', undefined],
      expected: 'https://graph.microsoft.us',
    },
    {
      description: 'an override wins over the cloud',
      input: ['usgov', 'http://127.0.0.1:9000'],
      expected: 'http://127.0.0.1:9000',
    },
    {
      description: 'a path prefix is kept, trailing slashes are not',
      input: ['global', 'https://proxy.example/g//'],
      expected: 'https://proxy.example/g',
    },
  ] as const)('$description', ({ input, expected }) => {
    expect(resolveGraphBase(input[0], input[1])).toBe(expected);
  });

  it.each([
    { description: 'not a URL', input: 'graph.microsoft.com' },
    { description: 'not http(s)', input: 'ftp://graph.example' },
    { description: 'a query string', input: 'https://graph.example/?x=1' },
    { description: 'credentials', input: 'https://user:pw@graph.example' },
    { description: 'the version already there', input: 'https://graph.microsoft.com/v1.0/' },
  ])('refuses $description', ({ input }) => {
    expect(() => resolveGraphBase('global', input)).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    );
  });
});

describe('relativeToVersion', () => {
  const base = 'https://graph.microsoft.com';
  it.each([
    {
      description: 'a Graph nextLink, query kept as given',
      input: [`${base}/v1.0/groups/x/members?$select=id,mail&$skiptoken=RFN%2Bw`, base],
      expected: '/groups/x/members?$select=id,mail&$skiptoken=RFN%2Bw',
    },
    { description: 'another host', input: ['https://graph.evil.example/v1.0/groups', base], expected: null },
    {
      description: 'a look-alike host',
      input: ['https://graph.microsoft.com.evil.example/v1.0/groups', base],
      expected: null,
    },
    {
      description: 'http instead of https',
      input: ['http://graph.microsoft.com/v1.0/groups', base],
      expected: null,
    },
    {
      description: 'another port',
      input: ['https://graph.microsoft.com:444/v1.0/groups', base],
      expected: null,
    },
    { description: 'beta instead of v1.0', input: [`${base}/beta/groups`, base], expected: null },
    {
      description: 'credentials in the link',
      input: ['https://a:b@graph.microsoft.com/v1.0/groups', base],
      expected: null,
    },
    { description: 'not a URL', input: ['/v1.0/groups', base], expected: null },
    {
      description: 'under a prefixed base',
      input: ['http://127.0.0.1:9/p/v1.0/groups?$top=2', 'http://127.0.0.1:9/p'],
      expected: '/groups?$top=2',
    },
    {
      description: 'outside a prefixed base',
      input: ['http://127.0.0.1:9/v1.0/groups', 'http://127.0.0.1:9/p'],
      expected: null,
    },
  ] as const)('$description', ({ input, expected }) => {
    expect(relativeToVersion(input[0], input[1])).toBe(expected);
  });
});

describe('readPath', () => {
  it('drops the query string and keeps the ids', () => {
    expect(readPath('/groups/AbC/members?$select=id&$top=999')).toBe('/groups/AbC/members');
    expect(readPath('/organization')).toBe('/organization');
  });
});
