// One panel of an investigation: its title, a button that opens the SQL behind it in the editor, and its rows.
import type { Value } from './api.ts';
import { ObjectTable } from './ObjectTable.tsx';

type Row = { [key: string]: Value };

export function QueryPanel(props: {
  title: string;
  testId: string;
  items: Row[];
  sql: string;
  openSql: (sql: string) => void;
  action?: { label: string; onClick: (item: Row) => void };
}) {
  return (
    <div className="panel">
      <h3>
        {props.title}{' '}
        <button type="button" onClick={() => props.openSql(props.sql)}>
          query
        </button>
      </h3>
      <ObjectTable items={props.items} testId={`panel-${props.testId}`} action={props.action} />
    </div>
  );
}

/** The objects of a JSON array; none for anything else. */
export const rows = (value: Value | undefined): Row[] =>
  Array.isArray(value) ? value.filter((v): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
