// The schema browser, the detections and the cases.
import { useEffect, useState } from 'react';
import { get, post, type Tables, type Value } from './api.ts';
import { ObjectTable } from './ObjectTable.tsx';

type Row = { [key: string]: Value };

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
                {open === t.name && <ObjectTable items={t.columns} testId="columns" />}
              </div>
            ))}
        </div>
      ))}
    </>
  );
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
