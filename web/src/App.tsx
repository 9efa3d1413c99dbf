// The console: one page per task, the schema fetched once for completion and the browser.
import { useCallback, useEffect, useState } from 'react';
import { get, type Tables } from './api.ts';
import { type Investigated, InvestigatePage } from './InvestigatePage.tsx';
import { CasesPage, DetectionsPage, SchemaPage } from './LakePages.tsx';
import { QueryPage } from './QueryPage.tsx';

const PAGES = ['Query', 'Schema', 'Investigate', 'Detections', 'Cases'] as const;
type Page = (typeof PAGES)[number];

export function App() {
  const [page, setPage] = useState<Page>('Query');
  const [tables, setTables] = useState<Tables | null>(null);
  const [cases, setCases] = useState<string[]>([]);
  const [sql, setSql] = useState('SHOW TABLES');
  const [error, setError] = useState('');
  const [investigated, setInvestigated] = useState<Investigated | null>(null);
  const reloadCases = useCallback(() => {
    get<{ cases: string[] }>('/cases').then(
      (c) => setCases(c.cases),
      () => {},
    );
  }, []);
  useEffect(() => {
    get<Tables>('/tables').then(setTables, (e) => setError(e.message));
    reloadCases();
  }, [reloadCases]);
  const openQuery = (text: string) => {
    setSql(text);
    setPage('Query');
  };
  return (
    <>
      <nav>
        <b>Tarn</b>
        {PAGES.map((p) => (
          <button type="button" key={p} className={p === page ? 'active' : ''} onClick={() => setPage(p)}>
            {p}
          </button>
        ))}
        <span className="error">{error}</span>
      </nav>
      <main>
        {page === 'Query' && <QueryPage tables={tables} sql={sql} setSql={setSql} cases={cases} />}
        {page === 'Schema' && <SchemaPage tables={tables} />}
        {page === 'Investigate' && (
          <InvestigatePage setSql={openQuery} cases={cases} last={investigated} setLast={setInvestigated} />
        )}
        {page === 'Detections' && <DetectionsPage />}
        {page === 'Cases' && <CasesPage cases={cases} reload={reloadCases} />}
      </main>
    </>
  );
}
