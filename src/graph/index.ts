// The Graph reader's public surface: read a tenant into a snapshot, list groups for the picker.
export { abortError, GraphReadError, type GraphReadErrorCode, isAbortError } from './errors.ts';
export type { GraphReaderDeps, ReadPhase, ReadProgress } from './graph-run.ts';
export type { GroupSummary } from './graph-schemas.ts';
export { GRAPH_HOSTS, resolveGraphBase } from './hosts.ts';
export { type GroupList, type ListGroupsRequest, listGroups } from './list-groups.ts';
export { createReadLog, type ReadLog, type ReadLogEntry } from './read-log.ts';
export { type ReadTenantRequest, readTenantSnapshot } from './read-tenant.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
