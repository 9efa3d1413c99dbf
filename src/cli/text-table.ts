// Aligned plain-text tables for the terminal.

export interface TextTableOptions {
  /** Column indexes aligned to the right (numbers). */
  readonly alignRight?: readonly number[];
  /** Longer cells are cut with an ellipsis. */
  readonly maxCellWidth?: number;
}

export function renderTextTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TextTableOptions = {},
): string {
  const max = options.maxCellWidth ?? 80;
  const cut = (cell: string) => {
    const flat = cell.replace(/\s+/g, ' ');
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const body = rows.map((row) => header.map((_, i) => cut(row[i] ?? '')));
  const head = header.map(cut);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const right = new Set(options.alignRight ?? []);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(head), rule, ...body.map(line)].join('\n');
}
