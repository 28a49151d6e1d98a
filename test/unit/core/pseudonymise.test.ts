// The promise of a pseudonymised snapshot: support reproduces every count (per reason, per group,
// and which object got which outcome), and no original name or address is left in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSnapshotValue } from '../../../src/core/parse-snapshot.ts';
import { computePreview, type Preview } from '../../../src/core/preview.ts';
import { summarizePreview } from '../../../src/core/preview-summary.ts';
import { pseudonymiseSnapshot } from '../../../src/core/pseudonymise.ts';
// The pseudonymiser works on version 1 (the worker converts to and from it around the call).
import type { SnapshotV1 as Snapshot, SnapshotMember } from '../../../src/core/snapshot-schema.ts';
import { toSnapshotV2 } from '../../../src/core/snapshot-v2.ts';
import { generateTenant } from '../../../src/demo/generate-tenant.ts';
import { DEMO } from '../../../src/demo/profiles.ts';
import { contact, device, groupRef, snapshotV1Of, user } from '../../support/snapshot-builder.ts';

/** The counts with names removed, plus each walk's objects and outcomes. */
function countsOf(preview: Preview) {
  const summary = summarizePreview(preview);
  const walk = (reach: Preview['audience']['reach']) => ({
    ids: Array.from(reach.items, (item) => preview.index.objects[item]?.id),
    outcomes: Array.from(reach.outcomes),
  });
  return {
    ...summary,
    groups: summary.groups.map(({ displayName, ...rest }) => ({ ...rest, named: displayName !== null })),
    audienceWalk: walk(preview.audience.reach),
    groupWalks: preview.groups.map((group) => walk(group.reach)),
  };
}

const NAME_KEYS = ['displayName', 'givenName', 'surname', 'description'];
const ADDRESS_KEYS = ['mail', 'userPrincipalName'];

/** Every name and address string of the snapshot's people, groups, devices and tenant. */
function personalStrings(snapshot: Snapshot): { names: Set<string>; addresses: Set<string> } {
  const names = new Set<string>();
  const addresses = new Set<string>();
  const objects: Array<Record<string, unknown>> = [
    ...(snapshot.users ?? []),
    ...(snapshot.contacts ?? []),
    ...snapshot.groups,
    ...Object.values(snapshot.members).flat(),
  ];
  for (const object of objects) {
    for (const key of NAME_KEYS)
      if (typeof object[key] === 'string') names.add((object[key] as string).trim());
    for (const key of ADDRESS_KEYS)
      if (typeof object[key] === 'string') addresses.add((object[key] as string).trim().toLowerCase());
  }
  if (snapshot.tenant.displayName) names.add(snapshot.tenant.displayName);
  for (const domain of snapshot.tenant.verifiedDomains) addresses.add(domain.name.toLowerCase());
  return { names, addresses };
}

/** The output as text, without the app registration (kept verbatim by the spec) and the reads (paths of ids). */
const scannable = (snapshot: Snapshot) => JSON.stringify({ ...snapshot, app: null, reads: [] });
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);

function leftovers(original: Snapshot, pseudonymised: Snapshot, minLength: number): string[] {
  const text = scannable(pseudonymised);
  const lower = text.toLowerCase();
  const { names, addresses } = personalStrings(original);
  return [
    ...[...names].filter((name) => name.length >= minLength && text.includes(inJson(name))),
    ...[...addresses].filter((address) => address.length >= minLength && lower.includes(inJson(address))),
  ];
}

describe('pseudonymiseSnapshot on the demo tenant', () => {
  const original = generateTenant(DEMO);
  const pseudonymised = pseudonymiseSnapshot(original, { salt: 'support-case-1' });

  it('gives exactly the original counts per reason and per group, object by object', () => {
    expect(countsOf(computePreview(toSnapshotV2(pseudonymised)))).toEqual(
      countsOf(computePreview(toSnapshotV2(original))),
    );
  });

  it('is still a valid snapshot, marked as pseudonymised, with ids and app kept', () => {
    const parsed = parseSnapshotValue(JSON.parse(JSON.stringify(pseudonymised)));
    expect(parsed.errors).toEqual([]);
    expect(pseudonymised.pseudonymised).toBe(true);
    // The app keeps what the checks read; its names, domain and redirect URIs are replaced (issue #10).
    expect(pseudonymised.app?.clientId).toBe(original.app?.clientId);
    expect(pseudonymised.app?.application?.appId).toBe(original.app?.application?.appId);
    expect(pseudonymised.app?.appRoleAssignments).toEqual(
      original.app?.appRoleAssignments.map((a) => ({
        ...a,
        resourceDisplayName: expect.any(String),
        principalDisplayName: expect.any(String),
      })),
    );
    expect(pseudonymised.subscribedSkus.map(({ accountName, ...sku }) => sku)).toEqual(
      original.subscribedSkus.map(({ accountName, ...sku }) => sku),
    );
    expect(pseudonymised.subscribedSkus[0]?.accountName).toBe(pseudonymised.tenant.displayName);
    expect(pseudonymised.selection).toEqual(original.selection);
    // A read's error text is free text and is replaced; path, status and counts stay.
    expect(pseudonymised.reads).toEqual(
      original.reads.map((read) => ({ ...read, error: read.error === null ? null : expect.any(String) })),
    );
    expect(Object.keys(pseudonymised.members)).toEqual(Object.keys(original.members));
    expect(pseudonymised.tenant.id).toBe(original.tenant.id);
  });

  it('leaves no original name or address anywhere but the app registration', () => {
    const { names, addresses } = personalStrings(original);
    expect(names.size).toBeGreaterThan(1000);
    expect(addresses.size).toBeGreaterThan(1000);
    expect(leftovers(original, pseudonymised, 3)).toEqual([]);
  });

  it('does not change its input and gives the same output for the same salt', () => {
    const before = JSON.stringify(original);
    const again = pseudonymiseSnapshot(original, { salt: 'support-case-1' });
    expect(JSON.stringify(original)).toBe(before);
    expect(JSON.stringify(again)).toBe(JSON.stringify(pseudonymised));
    expect(JSON.stringify(pseudonymiseSnapshot(original, { salt: 'other' }))).not.toBe(JSON.stringify(again));
  });
});

// Addresses built to trip a careless replacement: case variants of one address, whitespace around
// and inside, formula starts, guests' #EXT#, implausible domains, and a small pool so people share.
const ADDRESS_POOL = [
  'a@contoso.example',
  'A@Contoso.Example',
  ' a@contoso.example ',
  '\ta@CONTOSO.example',
  'b@contoso.example',
  '=b@contoso.example',
  '+c@contoso.example',
  '-d@partner.example',
  '@e@contoso.example',
  '＝f@contoso.example',
  'g h@contoso.example',
  'i\u200b@contoso.example',
  'j@localhost',
  'k@.com',
  'l@x..com',
  'm@com.',
  'n@@contoso.example',
  'guest_partner.example#EXT#@contoso.onmicrosoft.example',
  'Guest_Partner.example#ext#@contoso.onmicrosoft.example',
  'plain',
  '   ',
  '',
];
const maybeAddress = fc.oneof(fc.constantFrom(...ADDRESS_POOL), fc.constant(null));

const personArb = (id: string) =>
  fc.oneof(
    fc
      .record({
        mail: maybeAddress,
        upn: maybeAddress,
        enabled: fc.constantFrom(true, false, null),
        name: fc.constantFrom('Ann Lee', '=HYPERLINK("x")', ' ', null, 'a@contoso.example'),
      })
      .map(({ mail, upn, enabled, name }) =>
        user(id, { mail, userPrincipalName: upn, accountEnabled: enabled, displayName: name }),
      ),
    maybeAddress.map((mail) => contact(id, { mail })),
    fc.constant(device(id)),
    fc.constant({
      '@odata.type': '#microsoft.graph.user',
      id,
      mail: null,
      displayName: null,
    } as SnapshotMember),
  );

const tenantArb = fc
  .record({ groups: fc.integer({ min: 1, max: 6 }), people: fc.integer({ min: 0, max: 30 }) })
  .chain(({ groups, people }) => {
    const groupIds = Array.from({ length: groups }, (_, i) => `group-${i}`);
    const personIds = Array.from({ length: people }, (_, i) => `person-${i}`);
    const memberId = fc.constantFrom(...groupIds, ...personIds);
    return fc.record({
      people: fc.tuple(...personIds.map(personArb)),
      lists: fc.tuple(...groupIds.map(() => fc.array(memberId, { maxLength: 10 }))),
      selected: fc.subarray(groupIds, { minLength: 1 }),
      usernameFallback: fc.boolean(),
      syncContacts: fc.boolean(),
      groupIds: fc.constant(groupIds),
    });
  })
  .map(({ people, lists, selected, usernameFallback, syncContacts, groupIds }) => {
    const byId = new Map(people.map((person) => [person.id, person]));
    const members: Record<string, SnapshotMember[]> = {};
    groupIds.forEach((id, i) => {
      members[id] = (lists[i] ?? []).map(
        (member) => byId.get(member) ?? groupRef(member, { mail: i % 2 ? 'A@contoso.example' : null }),
      );
    });
    return snapshotV1Of({ members, selected, usernameFallback, syncContacts });
  });

describe('pseudonymiseSnapshot on generated tenants', () => {
  it('keeps every count and every outcome, and leaves no original address', () => {
    fc.assert(
      fc.property(tenantArb, fc.string(), (original, salt) => {
        const pseudonymised = pseudonymiseSnapshot(original, { salt });
        expect(countsOf(computePreview(toSnapshotV2(pseudonymised)))).toEqual(
          countsOf(computePreview(toSnapshotV2(original))),
        );
        expect(leftovers(original, pseudonymised, 4)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
