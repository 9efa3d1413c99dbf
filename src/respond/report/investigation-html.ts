// The investigation as one self-contained HTML page: the sections of the Markdown report with a table of
// contents, and inline SVG charts above the timeline (by actor, zoomed to the new activity) and the operations.

import type { Investigation } from './investigation.ts';
import { investigationDocument } from './investigation-report.ts';
import { documentHtml, esc } from './report-html.ts';

/** Width a label needs at 11px: wide enough that no actor's name or time is clipped. */
const textWidth = (text: string) => Math.ceil(text.length * 6.6) + 12;

/**
 * One lane per actor, one tick per event, failed calls in red. The axis spans the new activity only: routine
 * calls (the nightly backup, activity-baseline.ts) would stretch a day and a half of attack over a month.
 */
function timelineSvg(inv: Investigation): string {
  const fresh = inv.timeline.filter((e) => !e.routine);
  const events = fresh.length === 0 ? inv.timeline : fresh;
  if (events.length === 0) return '';
  const folded = inv.timeline.length - events.length;
  const actors = [...new Set(events.map((e) => e.actor))];
  const times = events.map((e) => Date.parse(e.time));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const span = Math.max(end - start, 1);
  const left = Math.max(...actors.map(textWidth), 80);
  const [plot, lane] = [900, 28];
  const width = left + plot + 10;
  const x = (t: number) => left + ((t - start) / span) * plot;
  const ticks = events.map((e, i) => {
    const y = 10 + actors.indexOf(e.actor) * lane;
    const color = e.status === 'Success' || e.status === '' ? '#2b6cb0' : '#c53030';
    return `<rect x="${x(times[i] ?? start).toFixed(1)}" y="${y}" width="2" height="${lane - 8}" fill="${color}"><title>${esc(`${e.time} ${e.operation} ${e.target ?? ''} ${e.status}`)}</title></rect>`;
  });
  const labels = actors.map((a, i) => `<text x="4" y="${24 + i * lane}" font-size="11">${esc(a)}</text>`);
  const height = 34 + actors.length * lane + (folded > 0 ? 16 : 0);
  const axisY = 30 + actors.length * lane;
  const axis = [
    `<text x="${left}" y="${axisY}" font-size="11">${new Date(start).toISOString()}</text>`,
    `<text x="${width - 4}" y="${axisY}" font-size="11" text-anchor="end">${new Date(end).toISOString()}</text>`,
    ...(folded > 0
      ? [
          `<text x="${left}" y="${axisY + 16}" font-size="11" font-style="italic">${folded} routine call(s) not drawn; the axis spans the new activity</text>`,
        ]
      : []),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="timeline">${labels.join('')}${ticks.join('')}${axis.join('')}</svg>`;
}

function operationsSvg(inv: Investigation): string {
  const ops = [...inv.operations].sort((a, b) => b.count - a.count).slice(0, 25);
  if (ops.length === 0) return '';
  const max = Math.max(1, ...ops.map((o) => o.count));
  const left = Math.max(...ops.map((o) => textWidth(o.operation)), 80);
  const bars = ops.map((o, i) => {
    const w = (o.count / max) * 500;
    const y = i * 20;
    return `<text x="0" y="${y + 14}" font-size="11">${esc(o.operation)}</text><rect x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="14" fill="${o.changes ? '#dd6b20' : '#2b6cb0'}"/><text x="${(left + 6 + w).toFixed(1)}" y="${y + 14}" font-size="11">${o.count}${o.failures ? ` (${o.failures} failed)` : ''}</text>`;
  });
  const [width, height] = [left + 660, ops.length * 20 + 4];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="operations">${bars.join('')}</svg>`;
}

export function investigationHtml(inv: Investigation): string {
  return documentHtml(investigationDocument(inv), { timeline: timelineSvg(inv), operations: operationsSvg(inv) });
}
