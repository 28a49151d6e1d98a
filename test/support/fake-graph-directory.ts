// The resources of the fake Graph (fake-graph.ts), served from a snapshot as Graph v1.0 answers
// them: paging with absolute nextLinks carrying a $skiptoken, $select (case-insensitive; id and,
// in directoryObject lists, @odata.type always come back), $top up to 999, `$filter=<p> eq '<v>'`,
// alternate keys (`/servicePrincipals(appId='…')`), `/members/$count` only with ConsistencyLevel:
// eventual, and Graph's error bodies. Like v1.0,
// /members does not list service principals; $count still counts them (the snapshot's memberCounts).
import type { SnapshotV1 } from '../../src/core/snapshot-schema.ts';

export type Json = Record<string, unknown>;

export interface FakeAnswer {
  status: number;
  headers: Record<string, string>;
  /** A JSON body, or text when `text` is set ($count). */
  body: unknown;
  text?: boolean;
}

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const SP_TYPE = '#microsoft.graph.servicePrincipal';
const GROUP_TYPE = '#microsoft.graph.group';
const MAX_TOP = 999;

export function graphError(status: number, code: string, message: string, extra: Json = {}): FakeAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...extra },
    body: {
      error: {
        code,
        message,
        innerError: { date: '2026-11-26T06:00:00', 'request-id': 'fake', 'client-request-id': 'fake' },
      },
    },
  };
}

export interface Directory {
  serve(relative: string, header: (name: string) => string | null, base: string): FakeAnswer;
}

export function createDirectory(
  snapshot: SnapshotV1,
  options: {
    extraGroups?: readonly Json[];
    defaultPageSize?: number;
    limitedInformation?: readonly string[];
    countBom?: boolean;
    namesInSkipTokens?: boolean;
  } = {},
): Directory {
  const limited = new Set((options.limitedInformation ?? []).map((id) => id.toLowerCase()));
  const names = options.namesInSkipTokens === true;
  const key = (id: string) => id.toLowerCase();
  const groups = new Map<string, Json>();
  for (const group of snapshot.groups) groups.set(key(group.id), group);
  for (const list of Object.values(snapshot.members)) {
    for (const member of list) {
      if (member['@odata.type'] === GROUP_TYPE && !groups.has(key(member.id)))
        groups.set(key(member.id), member);
    }
  }
  for (const group of options.extraGroups ?? []) groups.set(key(String(group.id)), group);
  const members = new Map<string, Json[]>();
  const counts = new Map<string, number>();
  for (const [id, list] of Object.entries(snapshot.members)) {
    members.set(
      key(id),
      list.filter((member) => member['@odata.type'] !== SP_TYPE),
    );
    counts.set(key(id), list.length);
  }
  for (const [id, count] of Object.entries(snapshot.memberCounts ?? {})) counts.set(key(id), count);
  const app = snapshot.app;
  const servicePrincipals: Json[] = [];
  if (app?.servicePrincipal) servicePrincipals.push({ appId: app.clientId, ...app.servicePrincipal });
  if (app?.graphServicePrincipalId) {
    servicePrincipals.push({
      id: app.graphServicePrincipalId,
      appId: GRAPH_APP_ID,
      displayName: 'Microsoft Graph',
      appRoles: app.graphAppRoles ?? [],
    });
  }
  const applications: Json[] = app?.application ? [{ appId: app.clientId, ...app.application }] : [];
  const pageDefault = options.defaultPageSize ?? 100;

  function serve(relative: string, header: (name: string) => string | null, base: string): FakeAnswer {
    const url = new URL(relative.startsWith('/') ? relative : `/${relative}`, 'http://fake');
    const path = decodeURIComponent(url.pathname);
    const query = url.searchParams;
    const segments = path.split('/').filter(Boolean);
    const [root, id, sub, subsub] = segments;
    const list = (items: readonly Json[], options: { directoryObjects?: boolean; pageable?: boolean } = {}) =>
      collection(items, {
        base,
        path,
        query,
        pageDefault,
        limited,
        names,
        ...options,
      });
    const keyed = /^(servicePrincipals|applications)\(appId='([^']*)'\)$/.exec(root ?? '');
    if (keyed && segments.length === 1) {
      const pool = keyed[1] === 'applications' ? applications : servicePrincipals;
      const found = pool.find((item) => key(String(item.appId)) === key(keyed[2] ?? ''));
      return found ? entity(found, base, query, keyed[1] ?? '') : notFound(keyed[2] ?? '');
    }
    switch (root) {
      case 'organization':
        if (segments.length === 1) return list([snapshot.tenant]);
        break;
      case 'applications':
        if (segments.length === 1) return filteredList(applications, query, list);
        break;
      case 'subscribedSkus':
        if (segments.length === 1) return list(snapshot.subscribedSkus, { pageable: false });
        break;
      case 'contacts':
        if (segments.length === 1) return list(snapshot.contacts ?? []);
        break;
      case 'oauth2PermissionGrants':
        if (segments.length === 1) {
          const spId = app?.servicePrincipal?.id;
          const grants = (app?.oauth2PermissionGrants ?? []).map((grant) => ({ clientId: spId, ...grant }));
          return filteredList(grants, query, list);
        }
        break;
      case 'servicePrincipals': {
        if (segments.length === 1) return filteredList(servicePrincipals, query, list);
        const principal = servicePrincipals.find((sp) => key(String(sp.id)) === key(id ?? ''));
        if (!principal) return notFound(id ?? '');
        if (segments.length === 3 && sub === 'appRoleAssignments') {
          const mine = principal.id === app?.servicePrincipal?.id;
          return list(mine ? (app?.appRoleAssignments ?? []) : []);
        }
        break;
      }
      case 'groups': {
        if (segments.length === 1) return list([...groups.values()].map(withoutType));
        const group = groups.get(key(id ?? ''));
        if (!group) return notFound(id ?? '');
        if (segments.length === 2) return entity(group, base, query, 'groups');
        if (sub === 'members' && segments.length === 3) {
          return list(members.get(key(id ?? '')) ?? [], { directoryObjects: true });
        }
        if (sub === 'members' && subsub === '$count' && segments.length === 4) {
          if (header('consistencylevel')?.toLowerCase() !== 'eventual') {
            return graphError(400, 'Request_BadRequest', 'Count is not currently supported.');
          }
          const count = counts.get(key(id ?? '')) ?? 0;
          const text = `${options.countBom ? '\uFEFF' : ''}${count}`;
          return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: text, text: true };
        }
        break;
      }
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${segments.at(-1) ?? ''}'.`);
  }

  return { serve };
}

function notFound(id: string): FakeAnswer {
  return graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function withoutType(object: Json): Json {
  const { '@odata.type': _type, ...rest } = object;
  return rest;
}

function parseFilter(query: URLSearchParams): { field: string; value: string } | null | 'bad' {
  const filter = query.get('$filter');
  if (filter === null) return null;
  const match = /^\s*(\w+)\s+eq\s+'([^']*)'\s*$/.exec(filter);
  return match ? { field: match[1] as string, value: match[2] as string } : 'bad';
}

function filteredList(
  items: readonly Json[],
  query: URLSearchParams,
  list: (items: readonly Json[]) => FakeAnswer,
): FakeAnswer {
  const filter = parseFilter(query);
  if (filter === 'bad')
    return graphError(
      400,
      'Request_UnsupportedQuery',
      'Unsupported or invalid query filter clause specified.',
    );
  if (filter === null) return list(items);
  return list(
    items.filter((item) => String(item[filter.field] ?? '').toLowerCase() === filter.value.toLowerCase()),
  );
}

function select(object: Json, query: URLSearchParams, keepType: boolean, limited = false): Json {
  const raw = query.get('$select');
  if (limited) {
    // Graph's "limited information" answer: what was asked for comes back, all null.
    const out: Json = { '@odata.type': object['@odata.type'], id: object.id };
    for (const name of (raw ?? '').split(',').map((part) => part.trim())) {
      if (name !== '' && name !== 'id') out[name] = null;
    }
    return out;
  }
  if (raw === null) return keepType ? object : withoutType(object);
  const wanted = new Set(raw.split(',').map((name) => name.trim().toLowerCase()));
  const out: Json = {};
  if (keepType && object['@odata.type'] !== undefined) out['@odata.type'] = object['@odata.type'];
  out.id = object.id;
  for (const [name, value] of Object.entries(object)) {
    if (wanted.has(name.toLowerCase()) && name !== 'id') out[name] = value;
  }
  return out;
}

function entity(object: Json, base: string, query: URLSearchParams, set: string): FakeAnswer {
  const selected = query.get('$select');
  const context = `${base}/v1.0/$metadata#${set}${selected ? `(${selected})` : ''}/$entity`;
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: { '@odata.context': context, ...select(object, query, false) },
  };
}

interface PageSettings {
  base: string;
  path: string;
  query: URLSearchParams;
  pageDefault: number;
  directoryObjects?: boolean;
  pageable?: boolean;
  limited?: ReadonlySet<string>;
  names?: boolean;
}

function collection(items: readonly Json[], settings: PageSettings): FakeAnswer {
  const { query } = settings;
  const source = items;
  const topText = query.get('$top');
  const top = topText === null ? settings.pageDefault : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    return graphError(
      400,
      'Request_UnsupportedQuery',
      `Invalid page size specified: '${topText}'. Must be between 1 and ${MAX_TOP} inclusive.`,
    );
  }
  const token = query.get('$skiptoken');
  const offset = token === null ? 0 : decodeSkipToken(token);
  if (offset === null)
    return graphError(400, 'Directory_InvalidSkipToken', 'The specified skip token is not valid.');
  const size = settings.pageable === false ? source.length : top;
  const page = source
    .slice(offset, offset + size)
    .map((item) =>
      select(
        item,
        query,
        settings.directoryObjects === true,
        settings.limited?.has(String(item.id).toLowerCase()) === true,
      ),
    );
  const body: Json = {
    '@odata.context': `${settings.base}/v1.0/$metadata#${settings.path.slice(1)}`,
    value: page,
  };
  if (offset + size < source.length) {
    const last = source[offset + size - 1];
    const name = settings.names ? String(last?.userPrincipalName ?? last?.displayName ?? '') : '';
    body['@odata.nextLink'] = nextLink(settings, offset + size, name);
  }
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body };
}

function nextLink(settings: PageSettings, offset: number, name: string): string {
  const parts: string[] = [];
  for (const [name, value] of settings.query) {
    if (name !== '$skiptoken') parts.push(`${name}=${graphEncode(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(offset, name)}`);
  return `${settings.base}/v1.0${settings.path}?${parts.join('&')}`;
}

/** Graph leaves $ and , readable in its links. */
function graphEncode(value: string): string {
  return encodeURIComponent(value).replaceAll('%2C', ',').replaceAll('%24', '$');
}

function encodeSkipToken(offset: number, name = ''): string {
  return Buffer.from(`RFNwdA:${offset}${name ? `:${name}` : ''}`).toString('base64url');
}

function decodeSkipToken(token: string): number | null {
  const match = /^RFNwdA:(\d+)(:.*)?$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}
