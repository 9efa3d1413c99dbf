// Picks a case and adds the page's result to it as evidence; the same control on every page that keeps one.

import { useState } from 'react';

export function EvidencePicker(props: { cases: string[]; onAdd: (caseName: string) => void }) {
  const [caseName, setCaseName] = useState('');
  return (
    <>
      <select value={caseName} onChange={(e) => setCaseName(e.target.value)} aria-label="case">
        <option value="">case…</option>
        {props.cases.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
      <button type="button" disabled={caseName === ''} onClick={() => props.onAdd(caseName)}>
        Add as evidence
      </button>
    </>
  );
}
