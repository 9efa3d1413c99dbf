// Investigations: what a principal did, created and touched, its credential chain, and the findings that name it.

export { activityBaseline, type Baseline, newActivity, ROUTINE_DAYS } from './activity-baseline.ts';
export {
  type ActivityEvent,
  dataString,
  type EventBatch,
  type EventRef,
  eventIdText,
  eventRef,
  NO_EVENT_ID,
  type PrincipalFilter,
  principalEvents,
  principalPredicate,
  principalsEvents,
} from './activity-events.ts';
export {
  type OperationSummary,
  type SourceSummary,
  summariseOperations,
  summariseResources,
  summariseSources,
  type TouchedResource,
} from './activity-summary.ts';
export { type AddressActivity, type AddressQueries, addressActivity, addressQueries } from './address-activity.ts';
export { type CreatedItem, flattenCreated, followCreated, type PrincipalReader } from './created-resources.ts';
export { accountOf, type ChainLink, isTemporaryKey } from './credential-chain.ts';
export { type ExecutiveSummary, executiveSummary } from './executive-summary.ts';
export {
  activityTable,
  type InvestigationScope,
  investigationScope,
  sqlList,
  type TimeWindow,
} from './investigation-scope.ts';
export { enrichIp, type IpEnrichment, ipDataVersion, ipOwner } from './ip-enrichment.ts';
export { type ResolvedPrincipal, resolvePrincipal } from './principal-resolver.ts';
export {
  arnAccount,
  FINDING_HEADER,
  findingRow,
  type IdentityTerm,
  type RelatedFinding,
  relatedFindings,
} from './related-findings.ts';
export { TIMELINE_COLUMNS, timelineRows } from './timeline-export.ts';
