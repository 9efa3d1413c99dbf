// The investigation as one self-contained HTML page: inline CSS and SVG charts (the timeline by actor, the
// operations by count), no scripts and no external assets, so it can be attached to a case as it is.

import type { CreatedItem } from './created-resources.ts';
import type { Investigation } from './investigation.ts';
import { ipOwner } from './ip-enrichment.ts';
import type { PlanStep } from './plan-step.ts';
import { CHAIN_HEADER, chainPath, chainRows, untracedKeys } from './principal-chain-report.ts';
import { FINDING_HEADER, findingRow } from './related-findings.ts';

const esc = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** One lane per actor, one tick per event, failed calls in red. */
function timelineSvg(inv: Investigation): string {
  const events = inv.timeline;
  if (events.length === 0) return '<p>No events.</p>';
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
  const max = Math.max(1, ...ops.map((o) => o.count));
  const bars = ops.map((o, i) => {
    const w = (o.count / max) * 500;
    const y = i * 20;
    return `<text x="0" y="${y + 14}" font-size="11">${esc(o.operation)}</text><rect x="220" y="${y + 3}" width="${w.toFixed(1)}" height="14" fill="${o.changes ? '#dd6b20' : '#2b6cb0'}"/><text x="${(226 + w).toFixed(1)}" y="${y + 14}" font-size="11">${o.count}${o.failures ? ` (${o.failures} failed)` : ''}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${ops.length * 20 + 4}" role="img" aria-label="operations">${bars.join('')}</svg>`;
}

function tree(items: readonly CreatedItem[]): string {
  if (items.length === 0) return '';
  const li = items.map((item) => {
    const then = item.then ? `<br>then ${item.then.eventCount} call(s)${tree(item.then.created)}` : '';
    return `<li><b>${esc(item.kind)}</b> <code>${esc(item.id)}</code>${item.owner ? ` for ${esc(item.owner)}` : ''} — ${esc(item.proof.operation)} at ${esc(item.proof.time)}, event <code>${esc(item.proof.uid)}</code>${then}</li>`;
  });
  return `<ul>${li.join('')}</ul>`;
}

function steps(list: readonly PlanStep[]): string {
  return list
    .map(
      (s, i) =>
        `<h3>${i + 1}. ${esc(s.action)}: ${esc(s.target)}</h3><p><b>Why:</b> ${esc(s.why)}<br><b>Proof:</b> ${s.evidence.map((r) => `${esc(r.time)} ${esc(r.operation)} <code>${esc(r.uid)}</code>`).join('; ')}<br><b>Will not undo:</b> ${esc(s.wontUndo)}</p>${s.commands.length ? `<pre>${esc(s.commands.join('\n'))}</pre>` : ''}`,
    )
    .join('\n');
}

export function investigationHtml(inv: Investigation): string {
  const p = inv.principal;
  const sources = inv.source_ips.map((s) => [s.value, ...ipOwner(s), String(s.count), s.firstSeen, s.lastSeen]);
  const recovery = inv.recovery.map((r) => [
    `s3://${r.bucket}/${r.key}`,
    r.action,
    r.versionId ?? '',
    [...r.commands, r.check].join('\n'),
  ]);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Investigation: ${esc(p.name)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;font-size:12px}pre{background:#f4f4f4;padding:8px;white-space:pre-wrap;word-break:break-all}code{font-size:12px}</style>
</head><body>
<h1>Investigation: ${esc(p.name)}</h1>
<p>${esc(p.type)} <code>${esc(p.arn)}</code>; keys ${esc(p.accessKeyIds.join(', '))}; ${inv.event_count} events by the principal, ${inv.timeline.length} with what it created; generated ${esc(inv.generated_at)}.</p>
${
  p.chain.length
    ? `<h2>Role chain</h2><p>${esc(chainPath(p.chain) ?? '')}</p>${table(CHAIN_HEADER, chainRows(p.chain))}${untracedKeys(
        p.chain,
      )
        .map((k) => `<p><i>The call that issued ${esc(k)} is not in the lake.</i></p>`)
        .join('')}`
    : ''
}
<h2>Timeline</h2>${timelineSvg(inv)}
<h2>Operations</h2>${operationsSvg(inv)}
<h2>Source IP addresses</h2>${table(['ip', 'asn', 'network owner', 'country', 'calls', 'first seen', 'last seen'], sources)}<p><i>${esc(inv.limitations.join(' '))}</i></p>
<h2>What it created</h2>${tree(inv.created) || '<p>Nothing.</p>'}
<h2>Resources touched</h2>${table(
    ['type', 'resource', 'how', 'operations'],
    inv.resources.map((r) => [r.type, r.id, r.access.join(', '), r.operations.join(', ')]),
  )}
<h2>Related findings</h2>${table(FINDING_HEADER, inv.findings.map(findingRow))}
<h2>Containment plan (review before running)</h2>${steps(inv.containment.steps)}
<h2>Deleting steps left out of the plan</h2>${steps(inv.containment.deferred) || '<p>None.</p>'}
<h2>Recovery</h2>${table(['object', 'action', 'version', 'commands'], recovery)}
</body></html>
`;
}
