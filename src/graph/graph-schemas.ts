// zod schemas for every answer the reader takes from Graph (STYLE habit 3: validate at the edge).
// Object shapes reuse the snapshot's own schemas, so what passes here is what a snapshot accepts;
// all are loose, so properties we do not know are kept raw. The $count body is odd: text/plain
// on its own, and inside a $batch Graph may hand a non-JSON body back base64-encoded.
import { z } from 'zod';
import {
  applicationSchema,
  appRoleAssignmentSchema,
  groupSchema,
  oauth2PermissionGrantSchema,
  servicePrincipalSchema,
  snapshotSchema,
  subscribedSkuSchema,
} from '../core/snapshot-schema.ts';

/** One page of a collection: `value` and, when there is more, an absolute `@odata.nextLink`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ value: z.array(item), '@odata.nextLink': z.string().nullish() });
}

export const organizationSchema = snapshotSchema.shape.tenant;
export const contactSchema = snapshotSchema.shape.contacts.unwrap().element;
export const graphServicePrincipalSchema = z.looseObject({
  id: z.string().min(1),
  appRoles: z.array(z.looseObject({ id: z.string(), value: z.string().nullish() })).nullish(),
});

export const pages = {
  organization: pageSchema(organizationSchema),
  application: pageSchema(applicationSchema),
  servicePrincipal: pageSchema(servicePrincipalSchema),
  appRoleAssignment: pageSchema(appRoleAssignmentSchema),
  oauth2PermissionGrant: pageSchema(oauth2PermissionGrantSchema),
  subscribedSku: pageSchema(subscribedSkuSchema),
  contact: pageSchema(contactSchema),
};

export { groupSchema };

/** What the group picker needs of each group (not stored in a snapshot). */
export const groupSummarySchema = z.looseObject({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  groupTypes: z.array(z.string()).nullish(),
  mailEnabled: z.boolean().nullish(),
  securityEnabled: z.boolean().nullish(),
  visibility: z.string().nullish(),
  membershipRule: z.string().nullish(),
  membershipRuleProcessingState: z.string().nullish(),
  onPremisesSyncEnabled: z.boolean().nullish(),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;
export const groupSummaryPage = pageSchema(groupSummarySchema);

export const batchResponseSchema = z.looseObject({
  responses: z.array(
    z.looseObject({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).nullish(),
      body: z.unknown(),
    }),
  ),
});
export type BatchResponse = z.infer<typeof batchResponseSchema>;

export const graphErrorSchema = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string().nullish() }),
});

/** Graph's error body as one short line ("Request_ResourceNotFound: …"), or null when it has none. */
export function graphErrorText(body: unknown): { code: string; message: string } | null {
  const parsed = graphErrorSchema.safeParse(body);
  if (!parsed.success) return null;
  const message = (parsed.data.error.message ?? '').slice(0, 200);
  return { code: parsed.data.error.code, message };
}

const DIGITS = /^\d+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The integer of a `$count` answer: a number, a decimal string (text/plain, perhaps with a BOM),
 * or that text base64-encoded as a $batch item's body — bytes that may themselves start with a
 * UTF-8 BOM ("77u/ODkz" is BOM + "893"), so they are decoded as UTF-8 before the BOM is stripped.
 * Null when it is none of these.
 */
export function parseCount(body: unknown): number | null {
  if (typeof body === 'number') return Number.isSafeInteger(body) && body >= 0 ? body : null;
  if (typeof body !== 'string') return null;
  const text = countText(body);
  if (DIGITS.test(text)) return safeCount(text);
  if (!BASE64.test(text)) return null;
  try {
    const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
    const decoded = countText(strict.decode(bytes));
    return DIGITS.test(decoded) ? safeCount(decoded) : null;
  } catch {
    return null;
  }
}

const countText = (text: string) => text.replace(/^\uFEFF/, '').trim();

function safeCount(digits: string): number | null {
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

/** "at value[3].id: expected string" for the first problem of a failed parse. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unexpected shape';
  const where = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`));
  return `at ${where.join('').replace(/^\./, '') || '(root)'}: ${issue.message}`;
}
