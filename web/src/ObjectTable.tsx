// A list of objects as a table, keys as columns; nested values as JSON; optionally a button on each row.
import type { Value } from './api.ts';
import { cellText } from './ResultGrid.tsx';

type Item = { [key: string]: Value };

export function ObjectTable({
  items,
  testId,
  action,
}: {
  items: Item[];
  testId?: string;
  /** A button at the end of each row: its label, and what a click does with the row. */
  action?: { label: string; onClick: (item: Item) => void };
}) {
  if (items.length === 0) return <i data-testid={testId}>none</i>;
  const keys = [...new Set(items.flatMap((item) => Object.keys(item)))];
  return (
    <table className="plain" data-testid={testId}>
      <thead>
        <tr>
          {keys.map((k) => (
            <th key={k}>{k}</th>
          ))}
          {action && <th />}
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
          <tr key={i}>
            {keys.map((k) => (
              <td key={k}>{cellText(item[k] ?? null)}</td>
            ))}
            {action && (
              <td>
                <button type="button" onClick={() => action.onClick(item)}>
                  {action.label}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
