// `tarn attach DIR [--lake DIR]`: query a Security Lake bucket's copy in place, under the same table names.

import { mkdir } from 'node:fs/promises';
import { type AttachReport, attachSecurityLake } from '../lake/security-lake-attach.ts';
import { renderTextTable } from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, LAKE_OPTION, stringOption } from './command.ts';

export const attachCommand: Command = {
  name: 'attach',
  summary: 'make a copy of a Security Lake bucket queryable in place (no ingest)',
  usage: `Usage: tarn attach DIR [--lake DIR] [--format table|json]

  DIR is a Security Lake bucket's copy (aws s3 sync s3://aws-security-data-lake-REGION-ID/ DIR), holding
  aws/<SOURCE>/2.0/region=…/accountId=…/eventDay=…/ objects. Its tables join the lake's under the same names.
  A table with Iceberg metadata (aws/<SOURCE>/2.0/metadata/) reads its current snapshot's files only, so
  objects that compaction replaced are not counted twice. Each table's columns are checked against its Glue
  table and differences are reported. Attach again after a new sync to pick up new objects.

  --lake DIR     the lake the copy is attached to (default ./lake, or $TARN_LAKE)
  --format F     table (default) or json: the attached tables, their files and rows, column differences`,
  options: { ...LAKE_OPTION, format: { type: 'string', default: 'table' } },
  async run(args, io) {
    const [folder, ...extra] = args.positionals;
    if (folder === undefined || extra.length > 0) throw new TarnError('give one folder to attach', 2);
    if (folder.startsWith('s3://')) {
      throw new TarnError(
        'attaching s3:// directly is not supported yet: aws s3 sync the bucket, then attach the copy',
        2,
      );
    }
    const lakeDir = stringOption(args, 'lake') ?? './lake';
    await mkdir(lakeDir, { recursive: true });
    const report = await attachSecurityLake(lakeDir, folder);
    io.stdout(stringOption(args, 'format') === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
    return report.tables.some((table) => table.problems.length > 0) ? 1 : 0;
  },
};

function renderReport(report: AttachReport): string {
  const rows = report.tables.map((t) => [
    t.source,
    String(t.files),
    t.iceberg === null ? 'no (every object)' : `snapshot ${t.iceberg.snapshotId ?? 'none'}`,
    String(t.notInSnapshot),
    t.schemaMismatches.length === 0 ? 'matches Glue' : `${t.schemaMismatches.length} difference(s)`,
  ]);
  const details = report.tables.flatMap((t) => [
    ...t.schemaMismatches.map((line) => `  ${t.source}: ${line}\n`),
    ...t.problems.map((line) => `  ${t.source}: ${line}\n`),
    ...(t.iceberg !== null && t.iceberg.deleteFiles > 0
      ? [`  ${t.source}: ${t.iceberg.deleteFiles} Iceberg delete file(s) not applied: deleted rows may show\n`]
      : []),
  ]);
  return [
    `Attached ${report.root}\n`,
    renderTextTable(['source', 'files', 'iceberg', 'replaced (skipped)', 'schema'], rows),
    ...(details.length === 0 ? [] : ['\n', ...details]),
  ].join('');
}
