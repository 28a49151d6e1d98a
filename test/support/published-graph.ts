// A held-out Graph for `capture`: a loopback HTTP server written from Microsoft's published bodies,
// not from the fake Graph (fake-graph*.ts) the reader was built against. Shapes follow the v1.0
// api-reference pages (organization, applications and servicePrincipals by $filter, the Graph
// principal by alternate key, appRoleAssignments, subscribedSkus, group, members with absolute
// nextLinks and opaque $skiptokens, members/$count as text/plain "893"), concepts/json-batching.md
// (items answered out of order, per-item headers, non-JSON bodies base64-encoded) and the
// throttling guide with dev-proxy's GraphRandomErrorPlugin (a throttled item is 429 with
// Retry-After and Graph's error body; the batch itself answers 200 or 424 Failed Dependency).
// Scenarios: plain; $count as a JSON string; $count as base64 of a BOM and the text; a throttled
// batch answered 200; the same answered 424. Data is synthetic (contoso.example).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PublishedScenario =
  | 'plain'
  | 'count-string'
  | 'count-base64-bom'
  | 'throttled-200'
  | 'throttled-424';

export const PUBLISHED = {
  tenantId: '2a1b3c4d-0000-4000-8000-00000000c0de',
  clientId: '6f1e2d3c-1111-4000-8000-00000000a991',
  applicationId: '6f1e2d3c-2222-4000-8000-00000000a992',
  servicePrincipalId: '6f1e2d3c-3333-4000-8000-00000000a993',
  graphServicePrincipalId: '6f1e2d3c-4444-4000-8000-00000000a994',
  sales: '0b3c9e2a-5555-4000-8000-000000000a01',
  engineering: '0b3c9e2a-5555-4000-8000-000000000a02',
  platform: '0b3c9e2a-5555-4000-8000-000000000a03',
};
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Graph's own app role ids (the same in every tenant). */
const USER_READ_ALL = 'df021288-bdef-4463-88db-98f22de89214';
const GROUP_MEMBER_READ_ALL = '98830695-27a2-44f7-8c18-0c3ebc9698f6';
const PAGE = 999;
const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** text/plain ($count). */
  text?: string;
}

const user = (n: number): Json => ({
  '@odata.type': '#microsoft.graph.user',
  id: `d2c1b0a9-${String(n).padStart(4, '0')}-4000-8000-00000000beef`,
  displayName: `Person ${n}`,
  givenName: 'Person',
  surname: String(n),
  mail: `person${n}@contoso.example`,
  userPrincipalName: `person${n}@contoso.example`,
  accountEnabled: n % 50 !== 0,
  userType: 'Member',
});

const groupObject = (id: string, name: string): Json => ({
  id,
  displayName: name,
  description: `${name} (synthetic)`,
  mail: `${name.toLowerCase()}@contoso.example`,
  mailEnabled: true,
  securityEnabled: false,
  groupTypes: ['Unified'],
  visibility: 'Private',
  membershipRule: null,
  membershipRuleProcessingState: null,
  onPremisesSyncEnabled: null,
});

function directory() {
  const groups = new Map<string, Json>([
    [PUBLISHED.sales, groupObject(PUBLISHED.sales, 'Sales')],
    [PUBLISHED.engineering, groupObject(PUBLISHED.engineering, 'Engineering')],
    [PUBLISHED.platform, groupObject(PUBLISHED.platform, 'Platform')],
  ]);
  const sales = Array.from({ length: 1_005 }, (_, i) => user(i + 1));
  const engineering: Json[] = [
    ...Array.from({ length: 40 }, (_, i) => user(2_000 + i)),
    { '@odata.type': '#microsoft.graph.group', ...groupObject(PUBLISHED.platform, 'Platform') },
    // Graph's "limited information" answer: what was selected comes back, all null.
    {
      '@odata.type': '#microsoft.graph.orgContact',
      id: 'c0ffee00-0000-4000-8000-000000000c01',
      displayName: null,
      givenName: null,
      surname: null,
      mail: null,
    },
    {
      '@odata.type': '#microsoft.graph.device',
      id: 'de71ce00-0000-4000-8000-000000000d01',
      displayName: 'KIOSK-01',
    },
  ];
  const platform = [user(5), user(3_000)];
  const members = new Map([
    [PUBLISHED.sales, sales],
    [PUBLISHED.engineering, engineering],
    [PUBLISHED.platform, platform],
  ]);
  // $count counts what /members lists plus what it does not (service principals).
  const counts = new Map([
    [PUBLISHED.sales, 1_006],
    [PUBLISHED.engineering, 43],
    [PUBLISHED.platform, 2],
  ]);
  return { groups, members, counts };
}

const graphError = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): Answer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...extra },
  body: {
    error: {
      code,
      message,
      innerError: {
        date: '2026-11-26T06:00:00',
        'request-id': randomUUID(),
        'client-request-id': randomUUID(),
      },
    },
  },
});

const ok = (body: Json): Answer => ({ status: 200, headers: { 'Content-Type': ODATA_JSON }, body });

export interface PublishedGraph {
  base: string;
  /** Graph requests answered per path (no query), $batch items included. */
  readonly byPath: Map<string, number>;
  readonly statuses: Map<number, number>;
  /** Resolves when the first HTTP request has arrived. */
  readonly firstRequest: Promise<void>;
  close(): Promise<void>;
}

export async function startPublishedGraph(
  scenario: PublishedScenario,
  options: { hold?: boolean } = {},
): Promise<PublishedGraph> {
  const data = directory();
  const byPath = new Map<string, number>();
  const statuses = new Map<number, number>();
  const throttledOnce = new Set<string>();
  let base = '';
  let arrived: () => void = () => {};
  const firstRequest = new Promise<void>((resolve) => {
    arrived = resolve;
  });

  function serve(relative: string, consistency: string | null): Answer {
    const url = new URL(relative, 'http://graph');
    const path = decodeURIComponent(url.pathname);
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
    const query = url.searchParams;
    const segments = path.split('/').filter(Boolean);
    const filter = /^appId eq '([^']*)'$/.exec(query.get('$filter') ?? '')?.[1];
    const context = (set: string) => `https://graph.microsoft.com/v1.0/$metadata#${set}`;
    if (path === '/organization') {
      return ok({
        '@odata.context': context('organization'),
        value: [
          {
            id: PUBLISHED.tenantId,
            deletedDateTime: null,
            businessPhones: ['8006427676'],
            city: 'Redmond',
            country: null,
            countryLetterCode: 'US',
            createdDateTime: '2017-09-04T19:04:58Z',
            displayName: 'Contoso (synthetic)',
            onPremisesLastSyncDateTime: null,
            onPremisesSyncEnabled: null,
            tenantType: 'AAD',
            verifiedDomains: [
              {
                capabilities: 'Email, OfficeCommunicationsOnlineService',
                isDefault: true,
                isInitial: true,
                name: 'contoso.example',
                type: 'Managed',
              },
            ],
          },
        ],
      });
    }
    if (path === '/applications' && filter !== undefined) {
      const found = filter.toLowerCase() === PUBLISHED.clientId;
      return ok({
        '@odata.context': context('applications'),
        value: found
          ? [
              {
                id: PUBLISHED.applicationId,
                appId: PUBLISHED.clientId,
                deletedDateTime: null,
                createdDateTime: '2026-01-15T10:00:00Z',
                displayName: 'Directory Sync',
                signInAudience: 'AzureADMyOrg',
                passwordCredentials: [],
                keyCredentials: [],
                web: { redirectUris: [], homePageUrl: null, logoutUrl: null },
                spa: { redirectUris: [] },
                publicClient: { redirectUris: [] },
                requiredResourceAccess: [
                  {
                    resourceAppId: GRAPH_APP_ID,
                    resourceAccess: [
                      { id: USER_READ_ALL, type: 'Role' },
                      { id: GROUP_MEMBER_READ_ALL, type: 'Role' },
                    ],
                  },
                ],
              },
            ]
          : [],
      });
    }
    if (path === '/servicePrincipals' && filter !== undefined) {
      const found = filter.toLowerCase() === PUBLISHED.clientId;
      return ok({
        '@odata.context': context('servicePrincipals'),
        value: found
          ? [
              {
                id: PUBLISHED.servicePrincipalId,
                appId: PUBLISHED.clientId,
                displayName: 'Directory Sync',
                accountEnabled: true,
                servicePrincipalType: 'Application',
                appRoleAssignmentRequired: false,
              },
            ]
          : [],
      });
    }
    if (path === `/servicePrincipals(appId='${GRAPH_APP_ID}')`) {
      return ok({
        '@odata.context': context('servicePrincipals(id,appRoles)/$entity'),
        id: PUBLISHED.graphServicePrincipalId,
        appRoles: [
          {
            allowedMemberTypes: ['Application'],
            description: 'Allows the app to read user profiles without a signed in user.',
            displayName: "Read all users' full profiles",
            id: USER_READ_ALL,
            isEnabled: true,
            origin: 'Application',
            value: 'User.Read.All',
          },
          {
            allowedMemberTypes: ['Application'],
            description:
              'Allows the app to read memberships and basic group properties for all groups without a signed-in user.',
            displayName: 'Read all group memberships',
            id: GROUP_MEMBER_READ_ALL,
            isEnabled: true,
            origin: 'Application',
            value: 'GroupMember.Read.All',
          },
        ],
      });
    }
    if (segments[0] === 'servicePrincipals' && segments[2] === 'appRoleAssignments') {
      return ok({
        '@odata.context': context(`servicePrincipals('${segments[1]}')/appRoleAssignments`),
        value: [USER_READ_ALL, GROUP_MEMBER_READ_ALL].map((appRoleId, i) => ({
          id: `41W1zT6z1U-kJxf62svfp1HFE8pMZhxDun-ThPczmJ${i}`,
          deletedDateTime: null,
          appRoleId,
          createdDateTime: '2026-01-15T10:05:00Z',
          principalDisplayName: 'Directory Sync',
          principalId: PUBLISHED.servicePrincipalId,
          principalType: 'ServicePrincipal',
          resourceDisplayName: 'Microsoft Graph',
          resourceId: PUBLISHED.graphServicePrincipalId,
        })),
      });
    }
    if (path === '/subscribedSkus') {
      return ok({
        '@odata.context': context('subscribedSkus'),
        value: [
          {
            capabilityStatus: 'Enabled',
            consumedUnits: 14,
            id: `${PUBLISHED.tenantId}_c7df2760-2c81-4ef7-b578-5b5392b571df`,
            prepaidUnits: { enabled: 25, suspended: 0, warning: 0 },
            servicePlans: [
              {
                servicePlanId: '8c098270-9dd4-4350-9b30-ba4703f3b36b',
                servicePlanName: 'ADALLOM_S_O365',
                provisioningStatus: 'Success',
                appliesTo: 'User',
              },
            ],
            skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
            skuPartNumber: 'ENTERPRISEPREMIUM',
            appliesTo: 'User',
          },
        ],
      });
    }
    if (segments[0] === 'groups' && segments[1] !== undefined) {
      const id = segments[1].toLowerCase();
      const group = data.groups.get(id);
      if (!group) {
        return graphError(
          404,
          'Request_ResourceNotFound',
          `Resource '${segments[1]}' does not exist or one of its queried reference-property objects are not present.`,
        );
      }
      if (segments.length === 2) {
        return ok({ '@odata.context': context(`groups(${query.get('$select') ?? ''})/$entity`), ...group });
      }
      if (segments[2] === 'members' && segments[3] === '$count') {
        if (consistency?.toLowerCase() !== 'eventual') {
          return graphError(400, 'Request_BadRequest', 'Count is not currently supported.');
        }
        const count = String(data.counts.get(id) ?? 0);
        return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: null, text: count };
      }
      if (segments[2] === 'members' && segments.length === 3) {
        const list = data.members.get(id) ?? [];
        const token = query.get('$skiptoken');
        // An opaque token like Graph's; the offset hides after a fixed prefix.
        const offset = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString().split(':')[1]);
        const top = Math.min(Number(query.get('$top') ?? 100), PAGE);
        const value = list.slice(offset, offset + top);
        const body: Json = { '@odata.context': context('directoryObjects'), value };
        if (offset + top < list.length) {
          const skiptoken = Buffer.from(`RFNwdAIAAQAAACM6:${offset + top}`).toString('base64url');
          const keep = [...query].filter(([name]) => name !== '$skiptoken');
          const rest = keep.map(
            ([name, v]) => `${name}=${encodeURIComponent(v).replaceAll('%2C', ',').replaceAll('%24', '$')}`,
          );
          body['@odata.nextLink'] = `${base}/v1.0${path}?${[...rest, `$skiptoken=${skiptoken}`].join('&')}`;
        }
        return ok(body);
      }
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${segments.at(-1) ?? ''}'.`);
  }

  function throttle(url: string): Answer | null {
    if (scenario !== 'throttled-200' && scenario !== 'throttled-424') return null;
    // Each first page of members, and each $count, is throttled the first time it comes.
    if (!/\/members(\/\$count)?(\?|$)/.test(url) || url.includes('$skiptoken') || throttledOnce.has(url))
      return null;
    throttledOnce.add(url);
    return graphError(429, 'TooManyRequests', 'Too many requests.', { 'Retry-After': '0.2' });
  }

  function countBody(text: string): unknown {
    if (scenario === 'count-string') return text;
    if (scenario === 'count-base64-bom') return Buffer.from(`\uFEFF${text}`).toString('base64');
    return Buffer.from(text).toString('base64');
  }

  async function batch(request: IncomingMessage): Promise<Answer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      requests: Array<{ id: string; method: string; url: string; headers?: Record<string, string> }>;
    };
    if (parsed.requests.length > 20) {
      return graphError(400, 'BadRequest', 'Number of requests exceeds the limit of 20.');
    }
    let throttled = false;
    const responses = parsed.requests.map((item) => {
      const headers = Object.fromEntries(
        Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const limited = throttle(item.url);
      const answer = limited ?? serve(item.url, headers.consistencylevel ?? null);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (limited) throttled = true;
      return {
        id: item.id,
        status: answer.status,
        headers: { 'Cache-Control': 'no-cache', 'x-ms-resource-unit': '1', ...answer.headers },
        body: answer.text === undefined ? answer.body : countBody(answer.text),
      };
    });
    responses.reverse();
    const status = throttled && scenario === 'throttled-424' ? 424 : 200;
    return { status, headers: { 'Content-Type': 'application/json' }, body: { responses } };
  }

  const server: Server = createServer(async (request, response) => {
    arrived();
    if (options.hold) return; // never answers: for Ctrl-C while a request is open
    const url = request.url ?? '/';
    const relative = url.replace(/^\/v1\.0/, '');
    let answer: Answer;
    if (!(request.headers.authorization ?? '').startsWith('Bearer ')) {
      answer = graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    } else if (relative.split('?')[0] === '/$batch' && request.method === 'POST') {
      answer = await batch(request);
    } else {
      const consistency = request.headers.consistencylevel;
      answer = serve(relative, typeof consistency === 'string' ? consistency : null);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.text !== undefined && scenario === 'count-base64-bom') answer.text = `\uFEFF${answer.text}`;
    }
    const clientRequestId = request.headers['client-request-id'];
    response.writeHead(answer.status, {
      ...answer.headers,
      'request-id': randomUUID(),
      ...(typeof clientRequestId === 'string' ? { 'client-request-id': clientRequestId } : {}),
      'x-ms-ags-diagnostic':
        '{"ServerInfo":{"DataCenter":"West US","Slice":"E","Ring":"5","ScaleUnit":"001"}}',
    });
    response.end(answer.text ?? JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    byPath,
    statuses,
    firstRequest,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
