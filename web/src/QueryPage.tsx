// The query page: editor, run and cancel, errors at their line, results, timeline brushing, downloads,
// "add as evidence", and the history and saved queries (with the starter pack) beside it.
import { setDiagnostics } from '@codemirror/lint';
import { EditorSelection } from '@codemirror/state';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get, post, postForBlob, type QueryAnswer, type Tables } from './api.ts';
import { EvidencePicker } from './EvidencePicker.tsx';
import { ResultGrid } from './ResultGrid.tsx';
import { type EditorHandle, SqlEditor } from './SqlEditor.tsx';
import { Timeline } from './Timeline.tsx';
import { withTimeRange } from './time-predicate.ts';

interface Named {
  name: string;
  sql: string;
}

export function QueryPage(props: {
  tables: Tables | null;
  sql: string;
  setSql: (sql: string) => void;
  cases: string[];
}) {
  const { sql, setSql } = props;
  const [answer, setAnswer] = useState<QueryAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [library, setLibrary] = useState<{ starter: Named[]; saved: Named[] }>({ starter: [], saved: [] });
  const [history, setHistory] = useState<{ sql: string; time: string; rows: number | null }[]>([]);
  const handle = useRef<EditorHandle>({ view: null }).current;
  const sqlRef = useRef(sql);
  sqlRef.current = sql;

  const refresh = useCallback(() => {
    get<{ starter: Named[]; saved: Named[] }>('/saved').then(setLibrary, () => {});
    get<{ history: { sql: string; time: string; rows: number | null }[] }>('/history').then(
      (h) => setHistory(h.history),
      () => {},
    );
  }, []);
  useEffect(refresh, [refresh]);

  const run = useCallback(async () => {
    const id = crypto.randomUUID();
    setRunning(id);
    setError(null);
    const view = handle.view;
    if (view) view.dispatch(setDiagnostics(view.state, []));
    try {
      setAnswer(await post<QueryAnswer>('/query', { sql: sqlRef.current, id }));
    } catch (e) {
      setError((e as Error).message);
      const position = e instanceof ApiError ? e.position : null;
      const view = handle.view;
      if (position && view && position.line <= view.state.doc.lines) {
        // The error is underlined where it is (its message on hover) and the cursor put there.
        const line = view.state.doc.line(position.line);
        const at = Math.min(line.to, line.from + position.column - 1);
        const diagnostic = { from: at, to: line.to, severity: 'error' as const, message: (e as Error).message };
        view.dispatch(setDiagnostics(view.state, [diagnostic]), {
          selection: EditorSelection.cursor(at),
          scrollIntoView: true,
        });
        view.focus();
      }
    } finally {
      setRunning(null);
      refresh();
    }
  }, [handle, refresh]);

  const download = async (format: 'csv' | 'json') => {
    const blob = await postForBlob('/export', { sql, format });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `result.${format}`;
    link.click();
  };

  const addEvidence = async (caseName: string) => {
    const { entry } = await post<{ entry: { seq: number } }>(`/cases/${encodeURIComponent(caseName)}/entries`, {
      query: sql,
    });
    setNotice(`added as entry ${entry.seq} of case ${caseName}`);
  };

  const timeColumn = answer?.columns.findIndex((c) => c.type.startsWith('timestamp')) ?? -1;
  return (
    <div className="query-layout">
      <div>
        <div className="panel">
          <SqlEditor value={sql} tables={props.tables} onChange={setSql} onRun={run} handle={handle} />
          <div className="toolbar">
            <button type="button" onClick={run} disabled={running !== null}>
              Run (Ctrl-Enter)
            </button>
            {running && (
              <button type="button" onClick={() => post(`/query/${running}/cancel`, {}).catch(() => {})}>
                Cancel
              </button>
            )}
            <button
              type="button"
              onClick={() =>
                post('/saved', { name: prompt('Name this query') ?? '', sql }).then(refresh, (e) => setError(e.message))
              }
            >
              Save
            </button>
            {answer && (
              <>
                <span data-testid="row-count">
                  {answer.rows.length} rows{answer.truncated ? ' (truncated)' : ''} in {answer.elapsed_ms} ms
                </span>
                <button type="button" onClick={() => download('csv')}>
                  Download CSV
                </button>
                <button type="button" onClick={() => download('json')}>
                  Download JSON
                </button>
                <EvidencePicker
                  cases={props.cases}
                  onAdd={(name) => addEvidence(name).catch((e) => setError(e.message))}
                />
              </>
            )}
            <span>{notice}</span>
          </div>
          {error && (
            <div className="error" data-testid="query-error">
              {error}
            </div>
          )}
        </div>
        {answer && timeColumn >= 0 && (
          <Timeline
            times={answer.rows.map((r) => String(r[timeColumn] ?? ''))}
            onBrush={(from, to) => setSql(withTimeRange(sql, from, to))}
          />
        )}
        {/* A new result starts unsorted, nothing selected. */}
        {answer && <ResultGrid key={answer.id} answer={answer} />}
      </div>
      <div>
        <QueryList title="Starter pack" items={library.starter} pick={setSql} />
        <QueryList title="Saved" items={library.saved} pick={setSql} />
        <QueryList
          title="History"
          items={history
            .slice(0, 30)
            .map((h) => ({ name: `${h.time.slice(11, 19)} ${h.sql.slice(0, 60)}`, sql: h.sql }))}
          pick={setSql}
        />
      </div>
    </div>
  );
}

function QueryList({ title, items, pick }: { title: string; items: Named[]; pick: (sql: string) => void }) {
  return (
    <div className="panel list">
      <h3>{title}</h3>
      {items.length === 0 && <i>none yet</i>}
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: history may repeat a query
        <button type="button" key={i} title={item.sql} onClick={() => pick(item.sql)}>
          {item.name}
        </button>
      ))}
    </div>
  );
}
