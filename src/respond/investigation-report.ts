// The investigation as a Markdown report: who the principal is, what it called and from where, what it
// touched and created (as a tree with the proving events), the findings, then the plans.

import type { CreatedItem } from './created-resources.ts';
import { isTemporaryKey } from './credential-chain.ts';
import type { Investigation, TimelineEntry } from './investigation.ts';
import { ipOwner } from './ip-enrichment.ts';
import { code, markdownTable, section } from './markdown-text.ts';
import { containmentMarkdown, recoveryMarkdown } from './plan-report.ts';
import { CHAIN_HEADER, chainPath, chainRows, untracedKeys } from './principal-chain-report.ts';
import { FINDING_HEADER, findingRow } from './related-findings.ts';

/** Past this, the report says how many rows it left out; `--format json` has them all. */
const MAX_TABLE_ROWS = 500;
const TIMELINE_HEADER = ['time', 'actor', 'service', 'operation', 'target', 'status', 'source ip', 'metadata.uid'];

function capped(rows: readonly (readonly string[])[], header: readonly string[]): string {
  const table = markdownTable(header, rows.slice(0, MAX_TABLE_ROWS));
  const left = rows.length - MAX_TABLE_ROWS;
  return left > 0 ? `${table}\n\n_${left} more rows: use --format json._` : table;
}

/** Where the principal's temporary keys came from; nothing for a principal that used none. */
function chainSection(p: Investigation['principal']): string {
  if (p.chain.length === 0) {
    const temporary = p.accessKeyIds.filter(isTemporaryKey);
    return temporary.length === 0
      ? ''
      : section('Role chain', `No STS call in the lake issued ${temporary.slice(0, 20).map(code).join(', ')}.`);
  }
  const gaps = untracedKeys(p.chain).map((k) => `_The call that issued ${code(k)} is not in the lake._`);
  return section('Role chain', [markdownTable(CHAIN_HEADER, chainRows(p.chain)), ...gaps].join('\n\n'));
}

function createdTree(items: readonly CreatedItem[], depth = 0): string[] {
  return items.flatMap((item) => {
    const pad = '  '.repeat(depth);
    const about = [
      item.arn && item.kind !== 'session' ? code(item.arn) : '',
      item.owner ? `for ${item.owner}` : '',
      item.detail ? `(${item.detail})` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const line = `${pad}- **${item.kind}** ${code(item.id)} ${about} — ${item.proof.operation} at ${item.proof.time}, event ${code(item.proof.uid)}`;
    if (item.then === null) return [line];
    const ops = item.then.operations.map(
      (o) => `${o.operation}×${o.count}${o.failures ? ` (${o.failures} failed)` : ''}`,
    );
    const did = `${pad}  - then made ${item.then.eventCount} call(s)${ops.length ? `: ${ops.join(', ')}` : ''}`;
    return [line, did, ...createdTree(item.then.created, depth + 2)];
  });
}

const timelineRow = (t: TimelineEntry) => [
  t.time,
  t.actor,
  t.service,
  t.operation,
  t.target ?? '',
  t.status,
  t.ip ?? '',
  t.uid,
];

export function investigationMarkdown(inv: Investigation): string {
  const p = inv.principal;
  const window = `${inv.window.from ?? 'the first event'} to ${inv.window.to ?? 'the last event'}`;
  const head = [
    `# Investigation: ${p.name}`,
    '',
    `- **Principal:** ${p.type} ${code(p.arn)} (asked for ${code(p.query)})`,
    `- **Accounts:** ${p.accountIds.join(', ')}; **principal ids:** ${p.principalIds.slice(0, 10).join(', ') || 'none'}`,
    `- **Access keys used:** ${p.accessKeyIds.slice(0, 20).join(', ') || 'none'}`,
    ...(p.sessions.length ? [`- **Sessions:** ${p.sessions.length} (${p.sessions.slice(0, 5).join(', ')}…)`] : []),
    ...(chainPath(p.chain) ? [`- **Credential chain:** ${chainPath(p.chain)}`] : []),
    `- **Window:** ${window}; lake ${code(inv.lake.dir)}, tables of the rollup region ${inv.lake.rollup_region}`,
    `- **Events:** ${inv.event_count} by the principal, ${inv.timeline.length} with what it created${inv.truncated ? ' (truncated: narrow --from/--to)' : ''}`,
    `- **Generated:** ${inv.generated_at}`,
    '',
  ].join('\n');
  const ops = inv.operations.map((o) => [
    o.service,
    o.operation,
    String(o.count),
    String(o.failures),
    o.firstSeen,
    o.lastSeen,
    o.changes ? 'change' : '',
  ]);
  const sources = (list: Investigation['user_agents']) =>
    list.map((s) => [s.value, String(s.count), s.firstSeen, s.lastSeen]);
  const ips = inv.source_ips.map((s) => [s.value, ...ipOwner(s), String(s.count), s.firstSeen, s.lastSeen]);
  const resources = inv.resources.map((r) => [
    r.type,
    r.id,
    r.access.join(', '),
    r.operations.join(', '),
    String(r.failures),
    r.first.time,
    r.last.time,
  ]);
  return [
    head,
    chainSection(p),
    section(
      'API calls by service and operation',
      markdownTable(['service', 'operation', 'calls', 'failed', 'first seen', 'last seen', ''], ops),
    ),
    section('Changes: Create*, Attach*, Put*, Delete*', capped(inv.changes.map(timelineRow), TIMELINE_HEADER)),
    section(
      'Source IP addresses (the principal and what it created)',
      `${markdownTable(['ip', 'asn', 'network owner', 'country', 'calls', 'first seen', 'last seen'], ips)}\n\n_${inv.limitations.join(' ')}_`,
    ),
    section('User agents', markdownTable(['user agent', 'calls', 'first seen', 'last seen'], sources(inv.user_agents))),
    section(
      'Resources touched',
      capped(resources, ['type', 'resource', 'how', 'operations', 'failed', 'first', 'last']),
    ),
    section('What it created, and what those did in turn', createdTree(inv.created).join('\n') || 'Nothing.'),
    section(
      'Related findings',
      inv.findings.length ? markdownTable(FINDING_HEADER, inv.findings.map(findingRow)) : 'None.',
    ),
    section('Timeline', capped(inv.timeline.map(timelineRow), TIMELINE_HEADER)),
    containmentMarkdown(inv.containment),
    recoveryMarkdown(inv.recovery),
  ].join('\n');
}
