// What `tarn investigate --ip` finds for a source address: who called from it and which flows it took part in,
// each panel opening the query behind it; a principal listed opens that principal's investigation.
import type { Value } from './api.ts';
import { QueryPanel, rows } from './QueryPanel.tsx';
import { cellText } from './ResultGrid.tsx';

type Row = { [key: string]: Value };
export interface AddressAnswer {
  address: Row;
  markdown: string;
  queries: { users: string; flows: string };
}

export function AddressReport(props: {
  answer: AddressAnswer;
  openSql: (sql: string) => void;
  investigatePrincipal: (principal: string) => void;
}) {
  const { address: found, queries } = props.answer;
  const owner = (found.owner ?? {}) as Row;
  const window = (found.window ?? {}) as Row;
  const users = rows(found.users);
  const flows = rows(found.flows);
  const ownerText = [owner.asn, owner.as_org, owner.country, owner.ip_note].filter(
    (v) => v !== null && v !== undefined,
  );
  return (
    <>
      <div className="panel" data-testid="summary">
        <h3>Summary</h3>
        {cellText(found.address ?? null)}
        {ownerText.length > 0 ? ` (${ownerText.map((v) => cellText(v)).join(', ')})` : ''}: {users.length} principals,{' '}
        {flows.length} flow groups{found.truncated ? ' (truncated: narrow the window)' : ''}; from{' '}
        {cellText(window.from ?? 'the first event')} to {cellText(window.to ?? 'the last event')}
      </div>
      <QueryPanel
        title="Principals whose calls came from it"
        testId="users"
        items={users}
        sql={queries.users}
        openSql={props.openSql}
        action={{
          label: 'investigate',
          onClick: (item) => props.investigatePrincipal(cellText(item.principal ?? null)),
        }}
      />
      <QueryPanel
        title="Network flows with it at one end"
        testId="flows"
        items={flows}
        sql={queries.flows}
        openSql={props.openSql}
      />
      <div className="panel">
        <h3>Report</h3>
        <pre>{props.answer.markdown}</pre>
      </div>
    </>
  );
}
