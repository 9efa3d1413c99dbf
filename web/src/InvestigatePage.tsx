// The investigation page: a principal (name, ARN or access key id) or a source address, in a time window, as
// `tarn investigate --principal` or `--ip` reports it, each panel opening the query behind it in the editor.
import { useState } from 'react';
import { type AddressAnswer, AddressReport } from './AddressReport.tsx';
import { get, post } from './api.ts';
import { EvidencePicker } from './EvidencePicker.tsx';
import { type PrincipalAnswer, PrincipalReport } from './PrincipalReport.tsx';

type By = 'principal' | 'address';
interface Asked {
  by: By;
  subject: string;
  from: string;
  to: string;
}
type Answer = ({ by: 'principal' } & PrincipalAnswer) | ({ by: 'address' } & AddressAnswer);
/** The last investigation, kept by the app so that it is still there after a panel's query was opened. */
export interface Investigated {
  asked: Asked;
  answer: Answer;
}

/** The API's parameters for a question: `principal` or `ip`, and the window. */
function parameters(asked: Asked): Record<string, string> {
  return {
    [asked.by === 'principal' ? 'principal' : 'ip']: asked.subject,
    ...(asked.from ? { from: asked.from } : {}),
    ...(asked.to ? { to: asked.to } : {}),
  };
}

export function InvestigatePage(props: {
  setSql: (sql: string) => void;
  cases: string[];
  last: Investigated | null;
  setLast: (last: Investigated) => void;
}) {
  const answer = props.last;
  const [by, setBy] = useState<By>(answer?.asked.by ?? 'principal');
  const [subject, setSubject] = useState(answer?.asked.subject ?? '');
  const [from, setFrom] = useState(answer?.asked.from ?? '');
  const [to, setTo] = useState(answer?.asked.to ?? '');
  const [status, setStatus] = useState('');
  const go = (asked: Asked) => {
    setBy(asked.by);
    setSubject(asked.subject);
    setStatus('investigating…');
    get<PrincipalAnswer | AddressAnswer>(`/investigate?${new URLSearchParams(parameters(asked))}`).then(
      (a) => {
        props.setLast({ asked, answer: { by: asked.by, ...a } as Answer });
        setStatus('');
      },
      (e) => setStatus(e.message),
    );
  };
  // A pivot from one report to the other keeps the window.
  const pivot = (next: By) => (value: string) => go({ by: next, subject: value, from, to });
  const addEvidence = (caseName: string, asked: Asked) => {
    const { principal, ip, ...window } = parameters(asked);
    const body = { ...window, ...(ip === undefined ? { investigate: principal } : { investigate_ip: ip }) };
    post(`/cases/${encodeURIComponent(caseName)}/entries`, body).then(
      () => setStatus(`added to case ${caseName}`),
      (e) => setStatus(e.message),
    );
  };
  return (
    <>
      <div className="panel toolbar">
        <select value={by} onChange={(e) => setBy(e.target.value as By)} aria-label="investigate by">
          <option value="principal">principal</option>
          <option value="address">source address</option>
        </select>
        <input
          placeholder={by === 'principal' ? 'principal: name, ARN or access key id' : 'source address'}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && go({ by, subject, from, to })}
          size={40}
          aria-label={by}
        />
        <input
          placeholder="from (ISO-8601, 2024-03-10 or -7d)"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          aria-label="from"
        />
        <input
          placeholder="to (ISO-8601, 2024-03-10 or -1h)"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-label="to"
        />
        <button type="button" onClick={() => go({ by, subject, from, to })}>
          Investigate
        </button>
        {answer && <EvidencePicker cases={props.cases} onAdd={(caseName) => addEvidence(caseName, answer.asked)} />}
        <span className="error">{status}</span>
      </div>
      {answer?.answer.by === 'principal' && (
        <PrincipalReport answer={answer.answer} openSql={props.setSql} investigateAddress={pivot('address')} />
      )}
      {answer?.answer.by === 'address' && (
        <AddressReport answer={answer.answer} openSql={props.setSql} investigatePrincipal={pivot('principal')} />
      )}
    </>
  );
}
