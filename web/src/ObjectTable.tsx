// A list of objects as a table, keys as columns; nested values as JSON.
import type { Value } from './api.ts';
import { cellText } from './ResultGrid.tsx';

export function ObjectTable({ items, testId }: { items: { [key: string]: Value }[]; testId?: string }) {
  if (items.length === 0) return <i>none</i>;
  const keys = [...new Set(items.flatMap((item) => Object.keys(item)))];
  return (
    <table className="plain" data-testid={testId}>
      <thead>
        <tr>
          {keys.map((k) => (
            <th key={k}>{k}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
          <tr key={i}>
            {keys.map((k) => (
              <td key={k}>{cellText(item[k] ?? null)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
