// The investigation as one self-contained HTML page: the sections of the Markdown report, with inline SVG
// charts above the timeline (by actor) and the operations (by count).

import type { Investigation } from './investigation.ts';
import { investigationDocument } from './investigation-report.ts';
import { documentHtml, esc } from './report-html.ts';

/** One lane per actor, one tick per event, failed calls in red. */
function timelineSvg(inv: Investigation): string {
  const events = inv.timeline;
  if (events.length === 0) return '';
  const actors = [...new Set(events.map((e) => e.actor))];
  const times = events.map((e) => Date.parse(e.time));
  const start = Math.min(...times);
  const span = Math.max(Math.max(...times) - start, 1);
  const [left, width, lane] = [260, 900, 28];
  const x = (t: number) => left + ((t - start) / span) * (width - left - 10);
  const ticks = events.map((e, i) => {
    const y = 10 + actors.indexOf(e.actor) * lane;
    const color = e.status === 'Success' || e.status === '' ? '#2b6cb0' : '#c53030';
    return `<rect x="${x(times[i] ?? start).toFixed(1)}" y="${y}" width="2" height="${lane - 8}" fill="${color}"><title>${esc(`${e.time} ${e.operation} ${e.target ?? ''} ${e.status}`)}</title></rect>`;
  });
  const labels = actors.map((a, i) => `<text x="4" y="${24 + i * lane}" font-size="11">${esc(a.slice(-40))}</text>`);
  const height = 30 + actors.length * lane;
  const axis = [start, start + span].map(
    (t, i) =>
      `<text x="${i === 0 ? left : width - 150}" y="${height - 4}" font-size="11">${new Date(t).toISOString()}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="timeline">${labels.join('')}${ticks.join('')}${axis.join('')}</svg>`;
}

function operationsSvg(inv: Investigation): string {
  const ops = [...inv.operations].sort((a, b) => b.count - a.count).slice(0, 25);
  if (ops.length === 0) return '';
  const max = Math.max(1, ...ops.map((o) => o.count));
  const bars = ops.map((o, i) => {
    const w = (o.count / max) * 500;
    const y = i * 20;
    return `<text x="0" y="${y + 14}" font-size="11">${esc(o.operation)}</text><rect x="220" y="${y + 3}" width="${w.toFixed(1)}" height="14" fill="${o.changes ? '#dd6b20' : '#2b6cb0'}"/><text x="${(226 + w).toFixed(1)}" y="${y + 14}" font-size="11">${o.count}${o.failures ? ` (${o.failures} failed)` : ''}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${ops.length * 20 + 4}" role="img" aria-label="operations">${bars.join('')}</svg>`;
}

export function investigationHtml(inv: Investigation): string {
  return documentHtml(investigationDocument(inv), { timeline: timelineSvg(inv), operations: operationsSvg(inv) });
}
