// A report document as one self-contained HTML page: inline CSS, no scripts and no external assets, so it
// reads offline and can be attached to a case as it is. Charts are inline SVG put at the top of a section.

import type { Block, Inline, ListItem, ReportDocument } from './report-document.ts';

export const esc = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Finding severities as OCSF names them, each with its colour in a table's `severity` column. */
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'];

const STYLE = [
  'body{font:14px system-ui,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;font-size:12px}pre{background:#f4f4f4;padding:8px;white-space:pre-wrap;word-break:break-all}code{font-size:12px}',
  'nav.toc{border:1px solid #ddd;padding:4px 12px;display:inline-block}nav.toc ul{margin:4px 0;padding-left:18px}.chart{overflow-x:auto}',
  '.sev-critical{background:#742a2a;color:#fff}.sev-high{background:#c53030;color:#fff}.sev-medium{background:#dd6b20;color:#fff}.sev-low{background:#ecc94b}.sev-informational{background:#e2e8f0}',
  // On paper: no navigation, the full width, tables and charts kept whole where they fit, colours printed.
  '@media print{body{margin:0;max-width:none;font-size:11px}nav.toc{display:none}h2,h3{break-after:avoid}tr,pre,svg{break-inside:avoid}.chart{overflow:visible}svg{max-width:100%;height:auto}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}',
].join('');

function cell(column: string | undefined, text: string): string {
  const severity = text.toLowerCase();
  const colour = column === 'severity' && SEVERITIES.includes(severity) ? ` class="sev-${severity}"` : '';
  return `<td${colour}>${esc(text)}</td>`;
}

function inline(text: readonly Inline[]): string {
  return text
    .map((part) => {
      if (typeof part === 'string') return esc(part);
      if ('code' in part) return `<code>${esc(part.code)}</code>`;
      return 'strong' in part ? `<b>${esc(part.strong)}</b>` : `<i>${esc(part.em)}</i>`;
    })
    .join('');
}

function list(items: readonly ListItem[]): string {
  const li = items.map((i) => `<li>${inline(i.text)}${i.items.length ? list(i.items) : ''}</li>`);
  return `<ul>${li.join('')}</ul>`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => cell(header[i], c)).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'list':
      return list(b.items);
    case 'table': {
      const more = b.omitted > 0 ? `<p><i>${b.omitted} more rows: use --format json.</i></p>` : '';
      return `${table(b.header, b.rows)}${more}`;
    }
    case 'commands':
      return `<pre>${esc(b.lines.join('\n'))}</pre>`;
    case 'heading':
      return `<h3>${esc(b.text)}</h3>`;
  }
}

/** `charts` holds inline SVG by section id, drawn above that section's tables. */
export function documentHtml(doc: ReportDocument, charts: Readonly<Record<string, string>> = {}): string {
  const sections = doc.sections.map((s) => {
    const chart = charts[s.id] ? `<div class="chart">${charts[s.id]}</div>` : '';
    return `<h2 id="${esc(s.id)}">${esc(s.title)}</h2>\n${chart}${s.blocks.map(block).join('\n')}`;
  });
  const toc = doc.sections.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(doc.title)}</title>
<style>${STYLE}</style>
</head><body>
<h1>${esc(doc.title)}</h1>
<nav class="toc" aria-label="contents"><b>Contents</b><ul>${toc}</ul></nav>
${doc.summary.length === 0 ? '' : list(doc.summary)}
${sections.join('\n')}
</body></html>
`;
}
