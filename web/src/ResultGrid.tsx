// The result rows, virtualized so that 100k rows scroll as fast as 100; sortable by a click on a header;
// a click on a cell shows its whole value (nested values expanded) with a copy button.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { QueryAnswer, Value } from './api.ts';

export function cellText(value: Value): string {
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return cellText(a).localeCompare(cellText(b));
}

export function ResultGrid({ answer }: { answer: QueryAnswer }) {
  const [sort, setSort] = useState<{ column: number; desc: boolean } | null>(null);
  const [selected, setSelected] = useState<{ row: number; column: number } | null>(null);
  const rows = useMemo(() => {
    if (sort === null) return answer.rows;
    const sorted = [...answer.rows].sort((a, b) => compare(a[sort.column] ?? null, b[sort.column] ?? null));
    return sort.desc ? sorted.reverse() : sorted;
  }, [answer, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 24,
    overscan: 20,
  });
  const width = answer.columns.length * 180;
  const value = selected ? (rows[selected.row]?.[selected.column] ?? null) : null;
  return (
    <>
      <div className="grid" ref={scroller} data-testid="grid">
        <div className="row head" style={{ width }}>
          {answer.columns.map((column, i) => (
            <button
              type="button"
              className="cell"
              // biome-ignore lint/suspicious/noArrayIndexKey: a name may appear twice; columns are positions
              key={i}
              title={column.type}
              onClick={() => setSort({ column: i, desc: sort?.column === i ? !sort.desc : false })}
            >
              {column.name}
              {sort?.column === i ? (sort.desc ? ' ▼' : ' ▲') : ''}
            </button>
          ))}
        </div>
        <div style={{ height: virtual.getTotalSize(), width, position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => (
            <div
              className="row"
              data-testid="result-row"
              key={item.key}
              style={{ position: 'absolute', top: item.start, width }}
            >
              {(rows[item.index] ?? []).map((cell, column) => (
                <button
                  type="button"
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
                  key={column}
                  className={`cell${selected?.row === item.index && selected.column === column ? ' selected' : ''}`}
                  onClick={() => setSelected({ row: item.index, column })}
                >
                  {cellText(cell)}
                </button>
              ))}
            </div>
          ))}
        </div>
      </div>
      {selected && (
        <div className="panel">
          <div className="toolbar">
            <b>{answer.columns[selected.column]?.name}</b> row {selected.row + 1}
            <button type="button" onClick={() => navigator.clipboard?.writeText(cellText(value))}>
              Copy cell
            </button>
          </div>
          <div className="detail">
            {typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : cellText(value)}
          </div>
        </div>
      )}
    </>
  );
}
