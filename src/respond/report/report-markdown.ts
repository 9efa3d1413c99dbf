// A report document as Markdown: `##` per section, `###` for headings inside one, tables whose cells
// cannot break the table, and shell blocks for commands.

import { code, headingText, markdownTable, oneLine, section } from './markdown-text.ts';
import type { Block, Inline, ListItem, ReportDocument, ReportSection } from './report-document.ts';

function inline(text: readonly Inline[]): string {
  return text
    .map((part) => {
      if (typeof part === 'string') return oneLine(part);
      if ('code' in part) return code(part.code);
      return 'strong' in part ? `**${oneLine(part.strong)}**` : `_${oneLine(part.em)}_`;
    })
    .join('');
}

function list(items: readonly ListItem[], depth = 0): string[] {
  return items.flatMap((i) => [`${'  '.repeat(depth)}- ${inline(i.text)}`, ...list(i.items, depth + 1)]);
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return inline(b.text);
    case 'list':
      return list(b.items).join('\n');
    case 'table': {
      const table = markdownTable(b.header, b.rows);
      return b.omitted > 0 ? `${table}\n\n_${b.omitted} more rows: use --format json._` : table;
    }
    case 'commands':
      return `\`\`\`sh\n${b.lines.join('\n')}\n\`\`\``;
    case 'heading':
      return `### ${headingText(b.text)}`;
  }
}

export function sectionsMarkdown(sections: readonly ReportSection[]): string {
  return sections.map((s) => section(s.title, s.blocks.map(block).join('\n\n'))).join('\n');
}

export function documentMarkdown(doc: ReportDocument): string {
  const summary = doc.summary.length === 0 ? [] : [...list(doc.summary), ''];
  return [`# ${headingText(doc.title)}`, '', ...summary, sectionsMarkdown(doc.sections)].join('\n');
}
