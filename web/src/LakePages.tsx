// The schema browser, the investigation page, the detections and the cases.
import { useEffect, useState } from 'react';
import { get, post, type Tables, type Value } from './api.ts';
import { EvidencePicker } from './EvidencePicker.tsx';
import { ObjectTable } from './ObjectTable.tsx';
import { Timeline } from './Timeline.tsx';

type Row = { [key: string]: Value };
const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

export function SchemaPage({ tables }: { tables: Tables | null }) {
  const [sources, setSources] = useState<{ sources: Row[]; customSources: Row[] } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    get<{ sources: Row[]; customSources: Row[] }>('/sources').then(setSources, () => {});
  }, []);
  return (
    <>
      <div className="panel">
        <h3>Sources (rows, time range, accounts, regions)</h3>
        {sources && <ObjectTable items={[...sources.sources, ...sources.customSources]} testId="sources" />}
      </div>
      {tables?.databases.map((database) => (
        <div className="panel" key={database}>
          <h3>{database}</h3>
          {tables.tables
            .filter((t) => t.database === database)
            .map((t) => (
              <div key={t.name}>
                <button type="button" onClick={() => setOpen(open === t.name ? null : t.name)}>
                  {t.name} ({t.files} files)
                </button>
                {open === t.name && <ObjectTable items={t.columns} />}
              </div>
            ))}
        </div>
      ))}
    </>
  );
}

export function InvestigatePage(props: { setSql: (sql: string) => void; tables: Tables | null; cases: string[] }) {
  const [principal, setPrincipal] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<{ investigation: Row; markdown: string } | null>(null);
  const [error, setError] = useState('');
  const table = `amazon_security_lake_table_${(props.tables?.rollup_region ?? 'us_west_2').replaceAll('-', '_')}_cloud_trail_mgmt_2_0`;
  const who = `lower(actor.user.name) = lower(${quote(principal)})`;
  const queries: Record<string, string> = {
    operations: `SELECT api.operation, status, count(*) AS calls FROM ${table}\nWHERE ${who}\nGROUP BY 1, 2 ORDER BY calls DESC`,
    timeline: `SELECT time_dt, api.operation, status, src_endpoint.ip FROM ${table}\nWHERE ${who}\nORDER BY time_dt`,
    source_ips: `SELECT src_endpoint.ip, count(*) AS calls FROM ${table}\nWHERE ${who}\nGROUP BY 1 ORDER BY calls DESC`,
    created: `SELECT time_dt, api.operation, api.request.data FROM ${table}\nWHERE ${who} AND api.operation LIKE 'Create%'\nORDER BY time_dt`,
  };
  const params = () => new URLSearchParams({ principal, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const go = () => {
    setError('');
    get<{ investigation: Row; markdown: string }>(`/investigate?${params()}`).then(setResult, (e) =>
      setError(e.message),
    );
  };
  const inv = result?.investigation;
  const list = (key: string) => (Array.isArray(inv?.[key]) ? (inv[key] as Row[]) : []);
  const panel = (title: string, key: string, query?: string) => (
    <div className="panel" key={key}>
      <h3>
        {title}{' '}
        {query && (
          <button type="button" onClick={() => props.setSql(query)}>
            query
          </button>
        )}
      </h3>
      <ObjectTable items={list(key)} testId={`panel-${key}`} />
    </div>
  );
  return (
    <>
      <div className="panel toolbar">
        <input
          placeholder="principal: name, ARN or access key id"
          value={principal}
          onChange={(e) => setPrincipal(e.target.value)}
          size={40}
          aria-label="principal"
        />
        <input placeholder="from (ISO-8601)" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="from" />
        <input placeholder="to (ISO-8601)" value={to} onChange={(e) => setTo(e.target.value)} aria-label="to" />
        <button type="button" onClick={go}>
          Investigate
        </button>
        {result && (
          <EvidencePicker
            cases={props.cases}
            onAdd={(caseName) =>
              post(`/cases/${encodeURIComponent(caseName)}/entries`, { investigate: principal, from, to }).then(
                () => setError(`added to case ${caseName}`),
                (e) => setError(e.message),
              )
            }
          />
        )}
        <span className="error">{error}</span>
      </div>
      {inv && (
        <>
          <div className="panel" data-testid="summary">
            <h3>Summary</h3>
            {cellText(inv.principal)} — {String(inv.event_count)} events{inv.truncated ? ' (truncated)' : ''}
          </div>
          <Timeline times={list('timeline').map((e) => String(e.time_dt ?? e.time ?? ''))} />
          {panel('Operations', 'operations', queries.operations)}
          {panel('What it created', 'created', queries.created)}
          {panel('Changes', 'changes', queries.created)}
          {panel('Source addresses', 'source_ips', queries.source_ips)}
          {panel('Resources', 'resources')}
          {panel('Related findings', 'findings')}
          {panel('Timeline', 'timeline', queries.timeline)}
          <div className="panel">
            <h3>Report, with the containment and recovery plan</h3>
            <pre>{result.markdown}</pre>
          </div>
        </>
      )}
    </>
  );
}

function cellText(value: Value | undefined): string {
  return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function DetectionsPage() {
  const [hits, setHits] = useState<{ hits: Row[]; errors: Row[] } | null>(null);
  useEffect(() => {
    get<{ hits: Row[]; errors: Row[] }>('/detections').then(setHits, () => {});
  }, []);
  return (
    <div className="panel">
      <h3>Detections {hits ? `(${hits.hits.length} hits)` : '(running…)'}</h3>
      {hits && <ObjectTable items={hits.hits} testId="hits" />}
      {hits && hits.errors.length > 0 && <ObjectTable items={hits.errors} />}
    </div>
  );
}

export function CasesPage({ cases, reload }: { cases: string[]; reload: () => void }) {
  const [name, setName] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [log, setLog] = useState<{
    entries: Row[];
    head: string | null;
    verified: boolean;
    problem: string | null;
  } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (open) get<typeof log>(`/cases/${encodeURIComponent(open)}`).then(setLog, (e) => setError(e.message));
  }, [open]);
  return (
    <>
      <div className="panel toolbar">
        <input
          placeholder="new case name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label="new case name"
        />
        <button type="button" onClick={() => post('/cases', { name }).then(reload, (e) => setError(e.message))}>
          Open case
        </button>
        <span className="error">{error}</span>
      </div>
      <div className="panel list">
        {cases.map((c) => (
          <button type="button" key={c} onClick={() => setOpen(c)}>
            {c}
          </button>
        ))}
      </div>
      {open && log && (
        <div className="panel">
          <h3>
            {open}: {log.verified ? `verified, head ${log.head}` : `NOT verified: ${log.problem}`}
          </h3>
          <ObjectTable
            testId="case-log"
            items={log.entries.map((e) => ({
              seq: e.seq ?? null,
              time: e.time ?? null,
              analyst: e.analyst ?? null,
              kind: e.kind ?? null,
              title: e.title ?? null,
              result: e.result ?? null,
            }))}
          />
        </div>
      )}
    </>
  );
}
