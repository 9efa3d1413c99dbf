// `finding_info`: what the finding is (uid, title, description, ASFF types), when it was created, changed
// and observed, where to see it, and the findings it relates to.

import type { AsffReader } from './asff-field-reader.ts';
import type { AsffInstant } from './asff-time.ts';
import { compact, compactList, type Struct } from './struct-compaction.ts';

export interface FindingTimes {
  readonly created: AsffInstant | undefined;
  readonly updated: AsffInstant | undefined;
}

export function mapFindingInfo(finding: AsffReader, uid: string, times: FindingTimes): Struct {
  return {
    uid,
    ...compact({
      title: finding.text('Title'),
      desc: finding.text('Description'),
      types: finding.texts('Types'),
      created_time_dt: times.created?.iso,
      modified_time_dt: times.updated?.iso,
      first_seen_time_dt: finding.time('FirstObservedAt')?.iso,
      last_seen_time_dt: finding.time('LastObservedAt')?.iso,
      src_url: finding.text('SourceUrl'),
      related_events: compactList(
        finding.items('RelatedFindings').map((related) => {
          // OCSF requires the related event's uid; a product ARN alone stays in `unmapped`.
          const relatedUid = related.text('Id');
          return relatedUid === undefined
            ? undefined
            : compact({ uid: relatedUid, product_uid: related.text('ProductArn') });
        }),
      ),
    }),
  };
}
