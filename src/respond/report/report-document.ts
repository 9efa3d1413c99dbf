// A report as data: titled sections of paragraphs, lists, tables and commands. The investigation and plan
// reports are built once as sections, so the Markdown and HTML renderings cannot drift apart.

/** Text with the little markup the reports use: code spans, bold labels, italic notes. */
export type Inline = string | { readonly code: string } | { readonly strong: string } | { readonly em: string };

export interface ListItem {
  readonly text: readonly Inline[];
  readonly items: readonly ListItem[];
}

export type Block =
  | { readonly type: 'paragraph'; readonly text: readonly Inline[] }
  | { readonly type: 'list'; readonly items: readonly ListItem[] }
  | {
      readonly type: 'table';
      readonly header: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Rows left out past MAX_TABLE_ROWS; `--format json` has them all. */
      readonly omitted: number;
    }
  | { readonly type: 'commands'; readonly lines: readonly string[] }
  | { readonly type: 'heading'; readonly text: string };

export interface ReportSection {
  /** Names the section for what a rendering adds to it, such as the HTML's charts. */
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface ReportDocument {
  readonly title: string;
  /** The facts above the first section, one list item each. */
  readonly summary: readonly ListItem[];
  readonly sections: readonly ReportSection[];
}

/** Past this, a table says how many rows it left out. */
export const MAX_TABLE_ROWS = 500;

export const paragraph = (...text: Inline[]): Block => ({ type: 'paragraph', text });

export const item = (text: readonly Inline[], items: readonly ListItem[] = []): ListItem => ({ text, items });

/** `**Label:** value` as a list item. */
export const labelled = (label: string, ...value: Inline[]): ListItem => item([{ strong: `${label}:` }, ' ', ...value]);

/**
 * A table, or the sentence that says why there is none: an empty table tells a reader nothing, not even
 * whether the section was looked into.
 */
export function tableOr(header: readonly string[], rows: readonly (readonly string[])[], empty: string): Block {
  if (rows.length === 0) return paragraph(empty);
  return {
    type: 'table',
    header,
    rows: rows.slice(0, MAX_TABLE_ROWS),
    omitted: Math.max(0, rows.length - MAX_TABLE_ROWS),
  };
}

/** Commands to run, or the note that there is nothing to run. */
export function commandsOr(lines: readonly string[], empty: string): Block {
  return lines.length === 0 ? paragraph({ em: empty }) : { type: 'commands', lines };
}
