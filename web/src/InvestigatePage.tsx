// The investigation page: what `tarn investigate` finds for a principal in a window, one panel per part,
// each with a button that opens the query behind it in the editor.
import { useState } from 'react';
import { get, post, type Value } from './api.ts';
import { EvidencePicker } from './EvidencePicker.tsx';
import { ObjectTable } from './ObjectTable.tsx';
import { cellText } from './ResultGrid.tsx';
import { Timeline } from './Timeline.tsx';

type Row = { [key: string]: Value };
type Queries = Record<'operations' | 'timeline' | 'source_ips' | 'resources' | 'changes' | 'findings' | 'plan', string>;
interface Answer {
  investigation: Row;
  markdown: string;
  queries: Queries;
}

const rows = (value: Value | undefined): Row[] =>
  Array.isArray(value) ? value.filter((v): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];

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

export function InvestigatePage(props: { setSql: (sql: string) => void; cases: string[] }) {
  const [principal, setPrincipal] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [status, setStatus] = useState('');
  const go = () => {
    setStatus('investigating…');
    const params = new URLSearchParams({ principal, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    get<Answer>(`/investigate?${params}`).then(
      (a) => {
        setAnswer(a);
        setStatus('');
      },
      (e) => setStatus(e.message),
    );
  };
  const inv = answer?.investigation;
  const panel = (title: string, testId: string, items: Row[], query: keyof Queries) => (
    <div className="panel" key={testId}>
      <h3>
        {title}{' '}
        <button type="button" onClick={() => answer && props.setSql(answer.queries[query])}>
          query
        </button>
      </h3>
      <ObjectTable items={items} testId={`panel-${testId}`} />
    </div>
  );
  const plan = (inv?.containment ?? {}) as Row;
  return (
    <>
      <div className="panel toolbar">
        <input
          placeholder="principal: name, ARN or access key id"
          value={principal}
          onChange={(e) => setPrincipal(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && go()}
          size={40}
          aria-label="principal"
        />
        <input placeholder="from (ISO-8601)" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="from" />
        <input placeholder="to (ISO-8601)" value={to} onChange={(e) => setTo(e.target.value)} aria-label="to" />
        <button type="button" onClick={go}>
          Investigate
        </button>
        {answer && (
          <EvidencePicker
            cases={props.cases}
            onAdd={(caseName) =>
              post(`/cases/${encodeURIComponent(caseName)}/entries`, { investigate: principal, from, to }).then(
                () => setStatus(`added to case ${caseName}`),
                (e) => setStatus(e.message),
              )
            }
          />
        )}
        <span className="error">{status}</span>
      </div>
      {inv && answer && (
        <>
          <div className="panel" data-testid="summary">
            <h3>Summary</h3>
            {cellText((inv.principal as Row | null)?.arn ?? null)} (
            {cellText((inv.principal as Row | null)?.type ?? null)}
            ): {String(inv.event_count)} events{inv.truncated ? ' (truncated)' : ''}, {rows(inv.created).length} things
            created, {rows(inv.findings).length} related findings
          </div>
          <Timeline times={rows(inv.timeline).map((e) => String(e.time ?? ''))}>
            <button type="button" onClick={() => props.setSql(answer.queries.timeline)}>
              query
            </button>
          </Timeline>
          {panel('Operations', 'operations', rows(inv.operations), 'operations')}
          {panel('What it created', 'created', createdRows(rows(inv.created)), 'changes')}
          {panel('Changes', 'changes', rows(inv.changes), 'changes')}
          {panel('Source addresses', 'source_ips', rows(inv.source_ips), 'source_ips')}
          {panel('Resources', 'resources', rows(inv.resources), 'resources')}
          {panel('Related findings', 'findings', rows(inv.findings), 'findings')}
          {panel('Containment plan', 'containment', stepRows(rows(plan.steps)), 'plan')}
          {panel('Recovery plan', 'recovery', rows(inv.recovery), 'plan')}
          {panel('Timeline', 'timeline', rows(inv.timeline), 'timeline')}
          <div className="panel">
            <h3>Report</h3>
            <pre>{answer.markdown}</pre>
          </div>
        </>
      )}
    </>
  );
}
