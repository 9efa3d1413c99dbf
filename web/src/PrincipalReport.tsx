// What `tarn investigate --principal` finds, one panel per part, each opening the query behind it; an address
// it used opens that address's investigation.
import type { Value } from './api.ts';
import { QueryPanel, rows } from './QueryPanel.tsx';
import { cellText } from './ResultGrid.tsx';
import { Timeline } from './Timeline.tsx';

type Row = { [key: string]: Value };
export interface PrincipalAnswer {
  investigation: Row;
  markdown: string;
  queries: Record<'operations' | 'timeline' | 'source_ips' | 'resources' | 'changes' | 'findings' | 'plan', string>;
}

/** The created tree, one row per item, each saying which created principal made it. */
function createdRows(items: Row[]): Row[] {
  return items.flatMap((item) => {
    const { then, proof, ...rest } = item;
    const row = { ...rest, time: (proof as Row | null)?.time ?? null };
    const next = then && typeof then === 'object' && !Array.isArray(then) ? rows(then.created) : [];
    return [row, ...createdRows(next)];
  });
}

/** Plan steps as a table: what, on what, why, and the commands to paste. */
const stepRows = (steps: Row[]): Row[] =>
  steps.map((s) => ({
    action: s.action ?? null,
    target: s.target ?? null,
    why: s.why ?? null,
    commands: s.commands ?? null,
  }));

export function PrincipalReport(props: {
  answer: PrincipalAnswer;
  openSql: (sql: string) => void;
  investigateAddress: (address: string) => void;
}) {
  const { investigation: inv, queries } = props.answer;
  const panel = (title: string, testId: string, items: Row[], query: keyof PrincipalAnswer['queries']) => (
    <QueryPanel title={title} testId={testId} items={items} sql={queries[query]} openSql={props.openSql} />
  );
  const plan = (inv.containment ?? {}) as Row;
  const principal = (inv.principal ?? null) as Row | null;
  return (
    <>
      <div className="panel" data-testid="summary">
        <h3>Summary</h3>
        {cellText(principal?.arn ?? null)} ({cellText(principal?.type ?? null)}): {String(inv.event_count)} events
        {inv.truncated ? ' (truncated)' : ''}, {rows(inv.created).length} things created, {rows(inv.findings).length}{' '}
        related findings
      </div>
      <Timeline times={rows(inv.timeline).map((e) => String(e.time ?? ''))}>
        <button type="button" onClick={() => props.openSql(queries.timeline)}>
          query
        </button>
      </Timeline>
      {panel('Operations', 'operations', rows(inv.operations), 'operations')}
      {panel('What it created', 'created', createdRows(rows(inv.created)), 'changes')}
      {panel('Changes', 'changes', rows(inv.changes), 'changes')}
      <QueryPanel
        title="Source addresses"
        testId="source_ips"
        items={rows(inv.source_ips)}
        sql={queries.source_ips}
        openSql={props.openSql}
        action={{ label: 'investigate', onClick: (item) => props.investigateAddress(cellText(item.value ?? null)) }}
      />
      {panel('Resources', 'resources', rows(inv.resources), 'resources')}
      {panel('Related findings', 'findings', rows(inv.findings), 'findings')}
      {panel('Containment plan', 'containment', stepRows(rows(plan.steps)), 'plan')}
      {panel('Recovery plan', 'recovery', rows(inv.recovery), 'plan')}
      {panel('Timeline', 'timeline', rows(inv.timeline), 'timeline')}
      <div className="panel">
        <h3>Report</h3>
        <pre>{props.answer.markdown}</pre>
      </div>
    </>
  );
}
