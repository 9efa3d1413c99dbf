// `tarn investigate --ip`: who used an address and which flows it took part in, as the same report
// document as an investigation, so Markdown, HTML and JSON come from one place.

import { snakeCaseJson } from '../../json-keys.ts';
import type { QueryEngine } from '../../query/index.ts';
import {
  type AddressActivity,
  addressActivity,
  enrichIp,
  investigationScope,
  ipOwner,
  type TimeWindow,
} from '../investigation/index.ts';
import { labelled, paragraph, type ReportDocument, tableOr } from './report-document.ts';
import { documentHtml } from './report-html.ts';
import { documentMarkdown } from './report-markdown.ts';

export interface AddressInvestigation extends AddressActivity {
  readonly generatedAt: string;
  readonly lake: { readonly dir: string; readonly rollupRegion: string };
  readonly window: { readonly from: string | null; readonly to: string | null };
  readonly owner: ReturnType<typeof enrichIp>;
}

export async function investigateAddress(
  engine: QueryEngine,
  options: { readonly address: string; readonly window: TimeWindow; readonly now: Date },
): Promise<AddressInvestigation> {
  const scope = investigationScope(engine, options.window);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    generatedAt: options.now.toISOString(),
    lake: { dir: engine.catalog.lakeDir, rollupRegion: scope.region },
    window: { from: iso(options.window.from), to: iso(options.window.to) },
    owner: enrichIp(options.address),
    ...(await addressActivity(scope, options.address)),
  };
}

function addressDocument(inv: AddressInvestigation): ReportDocument {
  const [asn, owner, country] = ipOwner(inv.owner);
  const users = inv.users.map((u) => [
    u.source,
    u.accountId,
    u.principal,
    String(u.count),
    u.operations.slice(0, 12).join(', '),
    u.first,
    u.last,
  ]);
  const flows = inv.flows.map((f) => [
    f.accountId,
    f.source,
    f.destination,
    f.destinationPort === null ? '' : String(f.destinationPort),
    f.protocol === null ? '' : String(f.protocol),
    f.action,
    String(f.count),
    String(f.bytes),
    f.first,
    f.last,
  ]);
  return {
    title: `Investigation: address ${inv.address}`,
    summary: [
      labelled('Address', { code: inv.address }, ` — ${[asn, owner, country].filter((v) => v !== '').join(', ')}`),
      labelled('Principals', `${inv.users.length} (principal, account and source)`),
      labelled('Flow groups', `${inv.flows.length}${inv.truncated ? ' (truncated: narrow --from/--to)' : ''}`),
      labelled(
        'Window',
        `${inv.window.from ?? 'the first event'} to ${inv.window.to ?? 'the last event'}; lake `,
        { code: inv.lake.dir },
        `, tables of the rollup region ${inv.lake.rollupRegion}`,
      ),
      labelled('Generated', inv.generatedAt),
    ],
    sections: [
      {
        id: 'users',
        title: 'Principals whose calls came from it',
        blocks: [
          tableOr(
            ['source', 'account', 'principal', 'calls', 'operations', 'first', 'last'],
            users,
            'None: no CloudTrail or EKS audit event came from it.',
          ),
        ],
      },
      {
        id: 'flows',
        title: 'Network flows with it at one end',
        blocks: [
          tableOr(
            ['account', 'source', 'destination', 'port', 'protocol', 'action', 'flows', 'bytes', 'first', 'last'],
            flows,
            'None: no VPC flow record has it at either end.',
          ),
          paragraph({ em: 'Flows are grouped by account, both ends, destination port, protocol and action.' }),
        ],
      },
    ],
  };
}

export const addressMarkdown = (inv: AddressInvestigation): string => documentMarkdown(addressDocument(inv));
export const addressHtml = (inv: AddressInvestigation): string => documentHtml(addressDocument(inv));
export const addressJson = (inv: AddressInvestigation): string => snakeCaseJson(inv);
