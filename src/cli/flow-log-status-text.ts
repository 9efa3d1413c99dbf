// How `tarn ingest` and `tarn sources` say what VPC flow NODATA and SKIPDATA records there were: they make no
// rows, so these lines are where a responder learns that the flow evidence has holes.

import type { FlowLogStatusCounts, SkipdataRecord } from '../lake/ledger.ts';
import { formatCount } from './progress-line.ts';

export function flowLogStatusCounts({ nodata, skipdata }: FlowLogStatusCounts): string {
  return `${formatCount(nodata)} NODATA (no traffic in the window) and ${formatCount(skipdata)} SKIPDATA (flow records lost)`;
}

/** One line per SKIPDATA record, up to `shown`, then how many more; `where` adds the file and record. */
export function skipdataLines(records: readonly SkipdataRecord[], shown: number, where: boolean): string {
  const lines = records.slice(0, shown).map((s) => {
    const at = s.record === null ? s.file : `${s.file}: record ${s.record}`;
    return `  records lost: ${s.interfaceId ?? 'an interface'} in ${s.accountId} ${s.region}, ${s.start} to ${s.end ?? '?'}${where ? ` (${at})` : ''}\n`;
  });
  const more = records.length > shown ? `  … and ${formatCount(records.length - shown)} more\n` : '';
  return `${lines.join('')}${more}`;
}
