// Branded identifiers. Object ids, client ids and e-mail addresses are all plain strings at run
// time; the brands stop one being passed where another is meant. Graph ids are GUIDs that compare
// case-insensitively, so every lookup goes through `idKey`.

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ObjectId = Brand<string, 'ObjectId'>;
export type ClientId = Brand<string, 'ClientId'>;
export type TenantId = Brand<string, 'TenantId'>;
/** An address as the directory spells it, trimmed. Compare with `emailKey`. */
export type Email = Brand<string, 'Email'>;

/** The key two object ids are compared by (GUIDs are case-insensitive). */
export function idKey(id: string): string {
  // Graph sends lowercase GUIDs; skipping toLowerCase then saves allocating (and hashing) a new
  // string per membership edge, which was a third of the core's time at 1,000,000 edges.
  return HAS_UPPER.test(id) ? id.toLowerCase() : id;
}

const HAS_UPPER = /[^0-9a-z-]/;

/** The key two addresses are compared by: JavaScript's toLowerCase, as recipient-rules.md says. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

/** Microsoft Graph's application (client) id, the same in every tenant and cloud. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
