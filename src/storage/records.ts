// The metadata a snapshot is listed by, taken from the snapshot itself, so every saver (demo,
// import, live read) records tenant, cloud, time and selection the same way.
import type { Snapshot } from '../core/snapshot-schema.ts';
import type { SnapshotSource } from './schema.ts';
import type { NewSnapshotMeta } from './snapshot-store.ts';

export interface SnapshotMetaOptions {
  source: SnapshotSource;
  /** Defaults to "<tenant>, <capture time in UTC>". */
  name?: string;
  /** The audience's recipient count, when the saver has computed it. */
  recipients?: number | null;
}

export function snapshotMetaOf(snapshot: Snapshot, options: SnapshotMetaOptions): NewSnapshotMeta {
  const tenantName = snapshot.tenant.displayName?.trim() || null;
  const when = snapshot.capturedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return {
    name: options.name?.trim() || `${tenantName ?? snapshot.tenant.id}, ${when}`,
    tenantId: snapshot.tenant.id,
    tenantName,
    cloud: snapshot.cloud,
    capturedAt: snapshot.capturedAt,
    groupIds: [...snapshot.selection.groupIds],
    groupCount: snapshot.selection.groupIds.length,
    recipients: options.recipients ?? null,
    pseudonymised: snapshot.pseudonymised === true,
    source: options.source,
  };
}
