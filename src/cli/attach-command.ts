// `tarn attach DIR|s3://bucket/prefix [--lake DIR]`: query a Security Lake bucket, or its copy, in place, under the
// same table names.

import { mkdir } from 'node:fs/promises';
import { snakeCaseJson } from '../json-keys.ts';
import { type AttachReport, attachSecurityLake } from '../lake/security-lake-attach.ts';
import { isS3Uri, parseS3Uri } from '../sources/s3-location.ts';
import { TarnError } from '../tarn-error.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, chosenFormat, LAKE_OPTION, type ParsedArgs, stringOption } from './command.ts';
import { summaryTable, WIDE_OPTION } from './listing-output.ts';
import { AWS_CLIENT_OPTIONS, AWS_CLIENT_USAGE, awsClientConfig, s3Client } from './s3-client-option.ts';

export const attachCommand: Command = {
  name: 'attach',
  summary: 'make a Security Lake bucket, or its copy, queryable in place (no ingest)',
  usage: `Usage: tarn attach DIR|s3://aws-security-data-lake-REGION-ID/ [--lake DIR] [--format table|json] [--wide]
                   [--cache-size SIZE] [--endpoint-url URL] [--profile P] [--region R]

  DIR is a Security Lake bucket's copy (aws s3 sync s3://aws-security-data-lake-REGION-ID/ DIR), holding
  aws/<SOURCE>/2.0/region=…/accountId=…/eventDay=…/ objects. Its tables join the lake's under the same names.
  A table with Iceberg metadata (aws/<SOURCE>/2.0/metadata/) reads its current snapshot's files only, so
  objects that compaction replaced are not counted twice. Each table's columns are checked against its Glue
  table and differences are reported. Attach again after a new sync to pick up new objects.

  --lake DIR     the lake the copy is attached to (default ./lake, or $TARN_LAKE)
  --format F     table (default) or json (snake_case keys): the attached tables, their files and rows, column
                 differences
  --wide         do not cut the table's cells to the terminal's width

  An s3:// bucket is attached where it is: its objects are listed and only the Iceberg metadata (and one
  object per table, for the column check) is downloaded, into the lake's _tarn/cache/s3/. A query then
  fetches the objects of the partitions it reads; the least recently used are removed past --cache-size,
  and a query needing more than that is refused. Attach again for new objects.

  --cache-size SIZE    with s3://, what the local cache may hold (--cache-size 10GB by default; also MB, GiB, …)
${AWS_CLIENT_USAGE}`,
  options: {
    ...LAKE_OPTION,
    format: { type: 'string', default: 'table' },
    'cache-size': { type: 'string', default: '10GB' },
    ...WIDE_OPTION,
    ...AWS_CLIENT_OPTIONS,
  },
  async run(args, io) {
    const format = chosenFormat(args, ['table', 'json']);
    const [folder, ...extra] = args.positionals;
    if (folder === undefined || extra.length > 0) throw new TarnError('give one folder or s3:// bucket to attach', 2);
    const lakeDir = stringOption(args, 'lake') ?? './lake';
    await mkdir(lakeDir, { recursive: true });
    const report = isS3Uri(folder)
      ? await attachBucket(args, lakeDir, folder)
      : await attachSecurityLake(lakeDir, folder);
    io.stdout(format === 'json' ? snakeCaseJson(report) : renderReport(report, args, io));
    return report.tables.some((table) => table.problems.length > 0) ? 1 : 0;
  },
};

async function attachBucket(args: ParsedArgs, lakeDir: string, uri: string): Promise<AttachReport> {
  const location = parseS3Uri(uri);
  const cacheBytes = sizeOption(stringOption(args, 'cache-size') ?? '10GB');
  const { attachS3SecurityLake } = await import('../lake/s3-security-lake-attach.ts');
  const client = await s3Client(args);
  const { endpoint, region, profile } = awsClientConfig(args) as {
    endpoint?: string;
    region?: string;
    profile?: string;
  };
  try {
    return await attachS3SecurityLake(lakeDir, location, client, { endpoint, region, profile, cacheBytes });
  } finally {
    client.destroy();
  }
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
  TIB: 1024 ** 4,
};

/** `10GB`, `500MB`, `2GiB`: a cache size in bytes. */
export function sizeOption(text: string): number {
  const [, amount, unit = 'B'] = /^(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(text.trim()) ?? [];
  const factor = SIZE_UNITS[unit.toUpperCase()];
  if (amount === undefined || factor === undefined || !(Number(amount) > 0)) {
    throw new TarnError(`--cache-size takes a size such as 10GB, 500MB or 2GiB, not "${text}"`, 2);
  }
  return Math.floor(Number(amount) * factor);
}

const ATTACH_COLUMNS = [
  ['source', 'varchar'],
  ['files', 'bigint'],
  ['iceberg', 'varchar'],
  ['replaced (skipped)', 'bigint'],
  ['schema', 'varchar'],
] as const;

function renderReport(report: AttachReport, args: ParsedArgs, io: CliIO): string {
  const rows = report.tables.map((t) => [
    t.source,
    t.files,
    t.iceberg === null ? 'no (every object)' : `snapshot ${t.iceberg.snapshotId ?? 'none'}`,
    t.notInSnapshot,
    t.schemaMismatches.length === 0 ? 'matches Glue' : `${t.schemaMismatches.length} difference(s)`,
  ]);
  const details = report.tables.flatMap((t) => [
    ...t.schemaMismatches.map((line) => `  ${t.source}: ${line}\n`),
    ...t.problems.map((line) => `  ${t.source}: ${line}\n`),
    ...(t.iceberg !== null && t.iceberg.deleteFiles > 0
      ? [`  ${t.source}: ${t.iceberg.deleteFiles} Iceberg delete file(s) not applied: deleted rows may show\n`]
      : []),
  ]);
  return [`Attached ${report.root}\n`, summaryTable(ATTACH_COLUMNS, rows, args, io), ...details].join('');
}
