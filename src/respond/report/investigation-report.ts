// The investigation as report sections — an executive summary, who the principal is, what it called and from where, what it
// touched and created (as a tree with the proving events), the findings, then the plans — rendered as
// Markdown here and as HTML in investigation-html.ts, from the same sections.

import type { CreatedItem, EventRef, SourceSummary } from '../investigation/index.ts';
import {
  eventIdText,
  FINDING_HEADER,
  findingRow,
  ipOwner,
  isTemporaryKey,
  NO_EVENT_ID,
} from '../investigation/index.ts';
import type { Investigation, TimelineEntry } from './investigation.ts';
import { containmentSections, recoverySection } from './plan-report.ts';
import { CHAIN_HEADER, chainPath, chainRows, untracedKeys } from './principal-chain-report.ts';
import {
  type Block,
  type Inline,
  item,
  type ListItem,
  labelled,
  paragraph,
  type ReportDocument,
  type ReportSection,
  tableOr,
} from './report-document.ts';
import { documentMarkdown } from './report-markdown.ts';

const TIMELINE_HEADER = [
  'time',
  'account',
  'actor',
  'service',
  'operation',
  'target',
  'status',
  'source ip',
  'metadata.uid',
];
const SOURCE_HEADER = ['calls', 'accounts', 'first seen', 'last seen'];

const timelineRow = (t: TimelineEntry) => [
  t.time,
  t.accountId,
  t.actor,
  t.service,
  t.operation,
  t.target ?? '',
  t.status,
  t.ip ?? '',
  eventIdText(t.uid),
];

/** `CreateUser at 2024-…Z in 111122223333, event \`uid\``: the event that proves a claim, and its account. */
const provedBy = (ref: EventRef): Inline[] => [
  `${ref.operation} at ${ref.time} in ${ref.accountId}, event `,
  ref.uid === null ? `id ${NO_EVENT_ID}` : { code: ref.uid },
];

/** Where the principal's temporary keys came from; no section for a principal that used none. */
function chainSection(p: Investigation['principal']): ReportSection[] {
  const temporary = p.accessKeyIds.filter(isTemporaryKey);
  if (p.chain.length === 0 && temporary.length === 0) return [];
  const blocks: Block[] =
    p.chain.length === 0
      ? [paragraph('No STS call in the lake issued ', ...temporary.slice(0, 20).map((k) => ({ code: k })), '.')]
      : [
          tableOr(CHAIN_HEADER, chainRows(p.chain), ''),
          ...untracedKeys(p.chain).map((k) =>
            paragraph({ em: 'The call that issued ' }, { code: k }, { em: ' is not in the lake.' }),
          ),
        ];
  return [{ id: 'chain', title: 'Role chain', blocks }];
}

function createdTree(items: readonly CreatedItem[]): ListItem[] {
  return items.map((c) => {
    const about: Inline[] = [
      ...(c.arn && c.kind !== 'session' ? [' ', { code: c.arn }] : []),
      ...(c.owner ? [` for ${c.owner}`] : []),
      ...(c.detail ? [` (${c.detail})`] : []),
    ];
    const text: Inline[] = [{ strong: c.kind }, ' ', { code: c.id }, ...about, ' — ', ...provedBy(c.proof)];
    if (c.then === null) return item(text);
    const ops = c.then.operations.map((o) => `${o.operation}×${o.count}${o.failures ? ` (${o.failures} failed)` : ''}`);
    const did = `then made ${c.then.eventCount} call(s)${ops.length ? `: ${ops.join(', ')}` : ''}`;
    return item(text, [item([did], createdTree(c.then.created))]);
  });
}

function summary(inv: Investigation): ListItem[] {
  const p = inv.principal;
  const windowed = inv.window.from !== null || inv.window.to !== null;
  const path = chainPath(p.chain);
  return [
    labelled('Principal', `${p.type} `, { code: p.arn }, ' (asked for ', { code: p.query }, ')'),
    labelled(
      'Created by',
      ...(p.creation ? [`${p.creation.by}, `, ...provedBy(p.creation.proof)] : ['no creating call in the lake']),
    ),
    ...(p.elsewhere.length
      ? [
          labelled(
            'Seen only in',
            p.elsewhere
              .map(
                (e) =>
                  `${e.count} ${e.table === 'eks_audit' ? 'EKS audit event(s)' : 'finding resource(s)'} from ${e.first} to ${e.last}`,
              )
              .join('; '),
          ),
        ]
      : []),
    labelled(
      'Accounts',
      `${p.accountIds.join(', ')}; principal ids: ${p.principalIds.slice(0, 10).join(', ') || 'none'}`,
    ),
    labelled('Access keys used', p.accessKeyIds.slice(0, 20).join(', ') || 'none'),
    ...(p.sessions.length
      ? [labelled('Sessions', `${p.sessions.length} (${p.sessions.slice(0, 5).join(', ')}…)`)]
      : []),
    ...(path ? [labelled('Credential chain', path)] : []),
    labelled(
      'Window',
      `${inv.window.from ?? 'the first event'} to ${inv.window.to ?? 'the last event'}; lake `,
      { code: inv.lake.dir },
      `, tables of the rollup region ${inv.lake.rollupRegion}`,
    ),
    labelled(
      'Events',
      inv.eventCount === 0
        ? `none of its own: no CloudTrail event was made by it${windowed ? ' in the time window given' : ''}; ${inv.timeline.length} by what it created`
        : `${inv.eventCount} by the principal, ${inv.timeline.length} with what it created${inv.truncated ? ' (truncated: narrow --from/--to)' : ''}`,
    ),
    labelled('Generated', inv.generatedAt),
  ];
}

const listOr = (values: readonly string[], none = 'none') => (values.length === 0 ? none : values.join(', '));

/** Who, where, when, and what matters, in a few lines before the detail. */
function executiveSection(inv: Investigation): ReportSection {
  const s = inv.executiveSummary;
  const fresh = s.newActivity;
  const habits = s.routine.habits
    .slice(0, 3)
    .map((h) => `${h.operation} from ${h.ip ?? 'no address'} on ${h.days} days`);
  const routine =
    s.routine.calls === 0
      ? ''
      : `; set apart: ${s.routine.calls} routine call(s) it always made (${habits.join(', ')}${s.routine.habits.length > 3 ? ', …' : ''})`;
  const items = [
    labelled('Who', `${s.type} `, { code: s.principal }, ` in account ${listOr(s.accounts, 'unknown')}`),
    labelled(
      'Active',
      s.firstSeen === null ? 'no call of its own in the lake' : `first seen ${s.firstSeen}, last seen ${s.lastSeen}`,
    ),
    labelled(
      'New activity',
      fresh.calls === 0
        ? 'none of its own'
        : `${fresh.calls} call(s) from ${fresh.from} to ${fresh.to}, from ${listOr(fresh.sourceIps, 'no recorded address')}`,
      routine,
    ),
    labelled('Privilege changes', listOr(s.privilegeChanges)),
    labelled('Persistence created', listOr(s.persistence)),
    labelled(
      'Data',
      `${s.dataAccess.objectsRead} object(s) read, ${s.dataAccess.objectsWritten} written, ${s.dataAccess.objectsDeleted} deleted; destruction: ${listOr(s.destruction)}`,
    ),
    labelled('Findings', listOr(s.findings)),
  ];
  return { id: 'executive-summary', title: 'Executive summary', blocks: [{ type: 'list', items }] };
}

export function investigationDocument(inv: Investigation): ReportDocument {
  const ops = inv.operations.map((o) => [
    o.service,
    o.operation,
    String(o.count),
    String(o.failures),
    o.accounts.join(', '),
    o.firstSeen,
    o.lastSeen,
    o.changes ? 'change' : '',
  ]);
  const counts = (s: SourceSummary) => [String(s.count), s.accounts.join(', '), s.firstSeen, s.lastSeen];
  const ips = inv.sourceIps.map((s) => [s.value, ...ipOwner(s), ...counts(s)]);
  const agents = inv.userAgents.map((s) => [s.value, ...counts(s)]);
  const resources = inv.resources.map((r) => [
    r.type,
    r.id,
    r.first.accountId,
    r.byPrincipal ? 'the principal' : r.by,
    r.access.join(', ') || 'none succeeded',
    r.operations.join(', '),
    String(r.failures),
    r.first.time,
    r.last.time,
  ]);
  const section = (id: string, title: string, ...blocks: Block[]): ReportSection => ({ id, title, blocks });
  return {
    title: `Investigation: ${inv.principal.name}`,
    summary: [],
    sections: [
      executiveSection(inv),
      section('principal', 'Principal', { type: 'list', items: summary(inv) }),
      ...chainSection(inv.principal),
      section(
        'operations',
        'API calls by service and operation',
        tableOr(
          ['service', 'operation', 'calls', 'failed', 'accounts', 'first seen', 'last seen', ''],
          ops,
          'None: the principal made no API call.',
        ),
      ),
      section(
        'changes',
        'Changes: Create*, Attach*, Put*, Delete*',
        tableOr(TIMELINE_HEADER, inv.changes.map(timelineRow), 'None.'),
      ),
      section(
        'source-ips',
        'Source IP addresses (the principal and what it created)',
        tableOr(['ip', 'asn', 'network owner', 'country', ...SOURCE_HEADER], ips, 'No source address recorded.'),
        paragraph({ em: inv.limitations.join(' ') }),
      ),
      section(
        'user-agents',
        'User agents',
        tableOr(['user agent', ...SOURCE_HEADER], agents, 'No user agent recorded.'),
      ),
      section(
        'resources',
        'Resources touched (by the principal, then by what it created)',
        tableOr(
          ['type', 'resource', 'account', 'by', 'how', 'operations', 'failed', 'first', 'last'],
          resources,
          'None.',
        ),
      ),
      section(
        'created',
        'What it created, and what those did in turn',
        inv.created.length ? { type: 'list', items: createdTree(inv.created) } : paragraph('Nothing.'),
      ),
      section('findings', 'Related findings', tableOr(FINDING_HEADER, inv.findings.map(findingRow), 'None.')),
      section('timeline', 'Timeline', tableOr(TIMELINE_HEADER, inv.timeline.map(timelineRow), 'No events.')),
      ...containmentSections(inv.containment),
      recoverySection(inv.recovery),
    ],
  };
}

export function investigationMarkdown(inv: Investigation): string {
  return documentMarkdown(investigationDocument(inv));
}
