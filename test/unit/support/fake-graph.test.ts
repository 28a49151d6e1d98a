// The fake Graph answers as Graph v1.0 does where the reader depends on it, so a reader that passes
// against the fake is not passing against a friendlier Graph than the real one.
import { describe, expect, it } from 'vitest';
import { graphTenant, IDS } from '../../fixtures/graph-tenant.ts';
import { createFakeGraph } from '../../support/fake-graph.ts';

const base = 'https://graph.microsoft.com/v1.0';
const auth = { Authorization: 'Bearer t' };

async function get(path: string, headers: Record<string, string> = {}) {
  const fake = createFakeGraph(graphTenant());
  const response = await fake.fetch(`${base}${path}`, { headers: { ...auth, ...headers } });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown>, fake };
}

describe('createFakeGraph', () => {
  it('pages with absolute nextLinks that keep $select and $top', async () => {
    const first = await get(`/groups/${IDS.A}/members?$select=id,mail&$top=999`);
    const body = first.json();
    expect((body.value as unknown[]).length).toBe(999);
    const link = String(body['@odata.nextLink']);
    expect(link).toMatch(
      new RegExp(
        `^${base.replaceAll('.', '\\.')}/groups/${IDS.A}/members\\?\\$select=id,mail&\\$top=999&\\$skiptoken=`,
      ),
    );
    const next = await first.fake.fetch(link, { headers: auth });
    const page = (await next.json()) as { value: Array<Record<string, unknown>>; '@odata.nextLink'?: string };
    expect(page.value).toHaveLength(202);
    expect(page['@odata.nextLink']).toBeUndefined();
    expect(Object.keys(page.value[0] ?? {})).toEqual(['@odata.type', 'id', 'mail']);
  });

  it('does not list service principals in /members, but counts them', async () => {
    const list = await get(`/groups/${IDS.A}/members?$top=999&$select=id`);
    const types = new Set<string>();
    let link: string | undefined = `${base}/groups/${IDS.A}/members?$top=999&$select=id`;
    while (link) {
      const page = (await (await list.fake.fetch(link, { headers: auth })).json()) as {
        value: Array<Record<string, string>>;
        '@odata.nextLink'?: string;
      };
      for (const item of page.value) types.add(item['@odata.type'] as string);
      link = page['@odata.nextLink'];
    }
    expect(types.has('#microsoft.graph.servicePrincipal')).toBe(false);
    const count = await get(`/groups/${IDS.A}/members/$count`, { ConsistencyLevel: 'eventual' });
    expect(count).toMatchObject({ status: 200, text: '1202' });
  });

  it.each([
    {
      description: '$count without ConsistencyLevel',
      input: `/groups/${IDS.A}/members/$count`,
      expected: [400, 'Request_BadRequest'],
    },
    {
      description: 'an unknown group',
      input: `/groups/${IDS.C}`,
      expected: [404, 'Request_ResourceNotFound'],
    },
    {
      description: '$top over 999',
      input: `/groups/${IDS.A}/members?$top=1000`,
      expected: [400, 'Request_UnsupportedQuery'],
    },
    { description: 'an unknown segment', input: '/nothing', expected: [400, 'BadRequest'] },
  ])('answers $description like Graph', async ({ input, expected }) => {
    const answer = await get(input);
    expect(answer.status).toBe(expected[0]);
    expect((answer.json().error as { code: string }).code).toBe(expected[1]);
  });

  it('answers 401 without a token', async () => {
    const fake = createFakeGraph(graphTenant());
    const response = await fake.fetch(`${base}/organization`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'InvalidAuthenticationToken',
    );
  });

  it('filters by appId and serves Graph by its alternate key', async () => {
    const byFilter = await get(`/servicePrincipals?$filter=appId eq '${IDS.clientId}'`);
    expect((byFilter.json().value as Array<{ id: string }>).map((sp) => sp.id)).toEqual([
      IDS.servicePrincipal,
    ]);
    const graph = await get(
      `/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')?$select=id,appRoles`,
    );
    expect(graph.json()).toMatchObject({
      id: IDS.graphServicePrincipal,
      appRoles: [
        { id: 'role-1', value: 'User.Read.All' },
        { id: 'role-2', value: 'GroupMember.Read.All' },
      ],
    });
  });

  it('batches up to 20, answers out of order, and refuses 21', async () => {
    const fake = createFakeGraph(graphTenant());
    const send = (n: number) =>
      fake.fetch(`${base}/$batch`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          requests: Array.from({ length: n }, (_, i) => ({
            id: String(i + 1),
            method: 'GET',
            url: i === 0 ? `/groups/${IDS.D}/members/$count` : '/organization',
            headers: { ConsistencyLevel: 'eventual' },
          })),
        }),
      });
    const ok = (await (await send(20)).json()) as {
      responses: Array<{ id: string; status: number; body: unknown }>;
    };
    expect(ok.responses).toHaveLength(20);
    expect(ok.responses[0]?.id).toBe('20');
    expect(ok.responses.find((response) => response.id === '1')?.body).toBe(
      Buffer.from('7').toString('base64'),
    );
    expect((await send(21)).status).toBe(400);
    expect(fake.stats).toMatchObject({ requests: 2, batches: 2, subRequests: 20 });
  });

  it('answers nothing outside its base, and says so', async () => {
    const fake = createFakeGraph(graphTenant());
    await expect(
      fake.fetch('https://graph.evil.example/v1.0/organization', { headers: auth }),
    ).rejects.toThrow(TypeError);
    expect(fake.stats.foreignRequests).toEqual(['https://graph.evil.example/v1.0/organization']);
  });
});
