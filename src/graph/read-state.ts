// Bookkeeping for one entry of `reads`, and the unit of work the reader hands to the client: a
// request plus what to do with its outcome (which may be more work: the next page, a nested
// group). A collection is followed page by page through `@odata.nextLink`; a failure after some
// pages leaves those pages in place and marks the read `partial`, never silently complete.

import { plural } from '../core/plural.ts';
import { MALFORMED_NOTE } from '../core/recipient-rules.ts';
import type { ReadEntry } from '../core/snapshot-schema.ts';
import type { GraphOutcome, GraphRequest } from './graph-client.ts';
import { describeIssue } from './graph-schemas.ts';
import { relativeToVersion } from './hosts.ts';

export interface ReadState {
  path: string;
  status: ReadEntry['status'] | 'pending';
  pages: number;
  items: number;
  httpStatus: number | null;
  error: string | null;
  /** Items Graph sent in a shape the reader could not take, kept as `malformed` (read-members.ts). */
  malformed: number;
}

export interface Work {
  request: GraphRequest;
  handle(outcome: GraphOutcome): Work[];
  /**
   * When to send it (lower first; default NORMAL). LATE is for answers that lead to no further
   * reads (an object, a count): they fill up batches and may wait for a later round.
   */
  priority?: number;
}

export const FIRST = 0;
export const NORMAL = 1;
export const LATE = 2;

/** What page handlers need from the run: the base (to vet nextLinks) and an items counter. */
export interface ReadContext {
  base: string;
  countItems(n: number): void;
}

export function newRead(path: string): ReadState {
  return { path, status: 'pending', pages: 0, items: 0, httpStatus: null, error: null, malformed: 0 };
}

export function skippedRead(path: string, reason: string): ReadState {
  return { path, status: 'skipped', pages: 0, items: 0, httpStatus: null, error: reason, malformed: 0 };
}

export function markFailed(read: ReadState, httpStatus: number | null, error: string): void {
  read.status = read.pages > 0 ? 'partial' : 'failed';
  read.httpStatus = httpStatus;
  read.error = error;
}

export function markComplete(read: ReadState, pages: number, items: number): void {
  read.status = 'complete';
  read.pages += pages;
  read.items += items;
}

/**
 * The `reads` entry. A read that kept malformed items says so in `note` (an extra property, which
 * snapshot-format.md allows); the items themselves are in `members`, marked (read-members.ts).
 */
export function toEntry(read: ReadState): ReadEntry {
  const { malformed, ...fields } = read;
  const note =
    malformed > 0
      ? {
          note: `${plural(malformed, 'item', 'items')} came back without @odata.type or id, or in another shape the reader does not know; each is kept, marked "${MALFORMED_NOTE}", and the preview excludes it as malformed`,
        }
      : {};
  if (fields.status === 'pending') {
    return { ...fields, status: 'failed', error: fields.error ?? 'the read did not finish', ...note };
  }
  return { ...fields, status: fields.status, ...note };
}

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string | null | undefined;
}

/** A parser for one page, e.g. a zod schema's safeParse. */
export interface PageSchema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: Page<T> } | { success: false; error: Parameters<typeof describeIssue>[0] };
}

/**
 * Reads a collection page by page. `onItems` gets each page's validated items and returns the
 * work they lead to; the next page goes first.
 */
export function collectionWork<T>(
  context: ReadContext,
  read: ReadState,
  request: GraphRequest,
  schema: PageSchema<T>,
  onItems: (items: T[]) => Work[],
  priority = NORMAL,
): Work {
  return {
    request,
    priority,
    handle(outcome) {
      if (!outcome.ok) {
        markFailed(read, outcome.status, outcome.error);
        return [];
      }
      const parsed = schema.safeParse(outcome.body);
      if (!parsed.success) {
        markFailed(
          read,
          outcome.status,
          `Graph's answer had an unexpected shape ${describeIssue(parsed.error)}`,
        );
        return [];
      }
      const items = parsed.data.value;
      read.pages++;
      read.items += items.length;
      context.countItems(items.length);
      const follow = onItems(items);
      const link = parsed.data['@odata.nextLink'];
      if (link === undefined || link === null || link === '') {
        read.status = 'complete';
        return follow;
      }
      const relative = relativeToVersion(link, context.base);
      if (relative === null) {
        markFailed(read, null, `refused a nextLink outside the Graph host (${originOf(link)})`);
        return follow;
      }
      const next: GraphRequest = request.headers
        ? { url: relative, headers: request.headers }
        : { url: relative };
      // The next page goes first whatever the collection: page chains are the critical path.
      return [collectionWork(context, read, next, schema, onItems, FIRST), ...follow];
    },
  };
}

function originOf(link: string): string {
  try {
    return new URL(link).origin;
  } catch {
    return 'not a URL';
  }
}
