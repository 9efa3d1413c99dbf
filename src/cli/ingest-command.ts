// `tarn ingest [--lake DIR] [--rollup-region REGION] [--format NAME] [--account ID --region R] [--strict]
// [--summary-json FILE] PATH|s3://…...`

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { ingestCustomSource } from '../lake/custom-source-ingest.ts';
import { type IngestProgress, ingest } from '../lake/ingest-job.ts';
import type { ObjectInputs } from '../lake/ingest-run.ts';
import { type IngestSummary, summaryJson } from '../lake/ingest-summary.ts';
import { readLakeConfig } from '../lake/lake-config.ts';
import { accountProblem, regionProblem } from '../mapping/partition-names.ts';
import type { RecordPlace } from '../mapping/record-place.ts';
import { FORMAT_NAMES } from '../sources/format-detection.ts';
import type { LogFormat, Reject } from '../sources/log-file.ts';
import { isS3Uri } from '../sources/s3-location.ts';
import { TarnError } from '../tarn-error.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, LAKE_OPTION, type ParsedArgs, stringOption } from './command.ts';
import { detectNewBatches } from './detect-command.ts';
import { flowLogStatusCounts, skipdataLines } from './flow-log-status-text.ts';
import { summaryTable, WIDE_OPTION } from './listing-output.ts';
import { formatCount, formatRate, progressLine } from './progress-line.ts';
import { awsClientUsage, INGEST_AWS_CLIENT_OPTIONS } from './s3-client-option.ts';
import { s3IngestInputs } from './s3-ingest-option.ts';

const SHOWN_REJECTS = 20;

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'read raw AWS logs (files or folders) into the lake as OCSF Parquet',
  usage: `Usage: tarn ingest [--lake DIR] [--rollup-region REGION] [--format NAME] [--account ID] [--region R]
                  [--strict] [--summary-json FILE] [--wide] PATH...

  PATH is a file or a folder, read recursively. Formats, detected per file (--format forces one):
  CloudTrail as delivered to S3 (.json.gz), plain .json, JSON lines and aws cloudtrail lookup-events output;
  Security Hub findings (EventBridge envelopes, aws securityhub get-findings output); GuardDuty findings
  (EventBridge events, aws guardduty get-findings output); VPC Flow Logs (text with a header line, or Parquet);
  Route 53 Resolver query logs, AWS WAF logs and EKS audit logs (JSON lines); the console's Event history
  downloads (CSV and JSON), CloudTrail Lake results saved to S3 (result_N.csv.gz) and get-query-results output.
  Zip, tar and tar.gz bundles (and archives inside them) are read member by member, told by their bytes;
  members are named bundle.zip!path/inside in rejects and the ledger.

  --lake DIR               the lake (default ./lake, or $TARN_LAKE); made on the first ingest
  --rollup-region REGION   the region whose tables cover every region (saved in the lake; default: the first region
                           ingested, said on stderr when set or changed)
  --format NAME            read every file as NAME: ${FORMAT_NAMES}
  --account ID             the account of records that name none and whose file is not under AWSLogs/<account>/
                           (EKS audit logs exported from CloudWatch); what a record or its path names wins
  --region R               the region of records that name none and whose path does not (VPC flow logs in a
                           custom format without region); what a record or its path names wins
  --source NAME            read OCSF events (JSON lines, a JSON array, gzipped or not, or OCSF Parquet) of the
                           custom source NAME (see tarn source --help); each is validated against OCSF 1.1 and
                           the source's class, and written to ext/NAME/; invalid events are rejected with reasons
  --ocsf-schema FILE       the OCSF schema export for --source (default: the lake's, else $TARN_OCSF_SCHEMA, else
                           the OCSF 1.1 facts shipped with Tarn)
  --strict                 exit 1 if any record was rejected (without it, exit 1 only when no record landed;
                           exit 2 when a PATH does not exist, before anything is read)
  --no-detect              do not evaluate the detection rules over the new batch (see tarn detect)
  --wide                   do not cut the summary table's cells to the terminal's width
  --summary-json FILE      also write the summary as JSON

  PATH may be s3://bucket/prefix (AWSLogs/…): every object under it is listed and read as a file would be,
  and recorded in the ledger with its ETag, so ingesting the prefix again downloads only new or changed
  objects. An object over 64 MiB ($TARN_S3_STREAM_BYTES) is streamed to a scratch file in the lake's _tarn/
  rather than held in memory.
  --since T            with s3://, skip objects last modified before T: 7d, 12h, 30m or an ISO 8601 time
${awsClientUsage('--s3-region R', "with s3://, the bucket's region")}`,
  options: {
    ...LAKE_OPTION,
    'rollup-region': { type: 'string' },
    format: { type: 'string' },
    account: { type: 'string' },
    region: { type: 'string' },
    source: { type: 'string' },
    'ocsf-schema': { type: 'string' },
    strict: { type: 'boolean', default: false },
    'summary-json': { type: 'string' },
    'no-detect': { type: 'boolean', default: false },
    ...WIDE_OPTION,
    since: { type: 'string' },
    ...INGEST_AWS_CLIENT_OPTIONS,
  },
  async run(args, io) {
    if (args.positionals.length === 0) throw new TarnError('give at least one file or folder to ingest', 2);
    const remote = await remoteInputs(args);
    try {
      return await ingestInputs(args, io, remote?.objects);
    } finally {
      remote?.close();
    }
  },
};

/** S3 locations, when every PATH is one; local paths otherwise. */
async function remoteInputs(args: ParsedArgs) {
  const s3 = args.positionals.filter(isS3Uri);
  if (s3.length === 0) {
    if (args.values.since !== undefined) throw new TarnError('--since applies to s3:// locations only', 2);
    return undefined;
  }
  if (s3.length < args.positionals.length)
    throw new TarnError('give either s3:// locations or local paths, not both', 2);
  if (args.values.source !== undefined) throw new TarnError('--source reads local files only, not s3://', 2);
  return s3IngestInputs(args, s3);
}

async function ingestInputs(args: ParsedArgs, io: CliIO, objects: ObjectInputs | undefined): Promise<number> {
  const missing = objects !== undefined ? [] : args.positionals.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new TarnError(`no such file or folder: ${missing.join(', ')}`, 2);
  const format = stringOption(args, 'format');
  if (format !== undefined && !FORMAT_NAMES.split(', ').includes(format)) {
    throw new TarnError(`unknown --format "${format}"; known formats: ${FORMAT_NAMES}`, 2);
  }
  const place = givenPlace(stringOption(args, 'account'), stringOption(args, 'region'));
  const progress = progressLine(io);
  let shown = 0;
  const customSource = stringOption(args, 'source');
  if (customSource !== undefined && format !== undefined)
    throw new TarnError('--format and --source exclude each other', 2);
  if (customSource !== undefined && place !== undefined) {
    throw new TarnError('--account and --region place AWS logs; custom source events name their own', 2);
  }
  const lakeDir = stringOption(args, 'lake') ?? './lake';
  const savedRollup = (await readLakeConfig(lakeDir)).rollupRegion;
  const common = {
    lakeDir,
    paths: args.positionals,
    ...(objects === undefined ? {} : { objects }),
    rollupRegion: stringOption(args, 'rollup-region'),
    strict: args.values.strict === true,
    onProgress: (p: IngestProgress) => progress.update(describeProgress(p), p.phase !== 'reading'),
    onReject: (reject: Reject) => {
      if (shown++ < SHOWN_REJECTS) {
        progress.done();
        io.stderr(`${describeReject(reject)}\n`);
      }
    },
  };
  const summary =
    customSource === undefined
      ? await ingest({ ...common, format: format as LogFormat | undefined, ...(place && { place }) })
      : await ingestCustomSource({
          ...common,
          source: customSource,
          given: stringOption(args, 'ocsf-schema'),
          fromEnv: process.env.TARN_OCSF_SCHEMA,
        });
  progress.done();
  if (summary.rejected.length > SHOWN_REJECTS) {
    io.stderr(`… and ${summary.rejected.length - SHOWN_REJECTS} more rejects (see the lake's _tarn/dead-letter/)\n`);
  }
  io.stdout(renderSummary(summary, args, io));
  const rollupNote = rollupChange(savedRollup, summary.rollupRegion, stringOption(args, 'rollup-region'));
  if (rollupNote !== null) io.stderr(`${rollupNote}\n`);
  if (summary.batches.length > 0 && args.values['no-detect'] !== true) await detectNewBatches(common.lakeDir, io);
  const jsonPath = stringOption(args, 'summary-json');
  if (jsonPath) await writeFile(jsonPath, `${JSON.stringify(summaryJson(summary), null, 2)}\n`);
  // Known files read again land nothing and are fine; no file at all, or only rejects, is a failed ingest.
  if (summary.files === 0) {
    io.stderr(`tarn ingest: no files to read in ${args.positionals.join(', ')}\n`);
    return 1;
  }
  if (summary.rejected.length > 0 && landed(summary) === 0 && summary.duplicates === 0) {
    io.stderr('tarn ingest: no record landed: every record was rejected\n');
    return 1;
  }
  return args.values.strict === true && summary.rejected.length > 0 ? 1 : 0;
}

/** Both become folder and table names, so they are checked as a record's own are. */
function givenPlace(accountId: string | undefined, region: string | undefined): RecordPlace | undefined {
  const problem =
    (accountId === undefined ? undefined : accountProblem(accountId)) ??
    (region === undefined ? undefined : regionProblem(region));
  if (problem !== undefined) throw new TarnError(`--account/--region: ${problem}`, 2);
  if (accountId === undefined && region === undefined) return undefined;
  return { ...(accountId && { accountId }), ...(region && { region }) };
}

function describeProgress(p: IngestProgress): string {
  if (p.phase === 'committing') return `committing · ${formatCount(p.records)} events read`;
  if (p.phase === 'writing') {
    const w = p.write;
    const done = w ? ` · partitions ${w.partitionsDone}/${w.partitionsTotal} · ${formatCount(w.rowsWritten)} rows` : '';
    return `writing Parquet${done}`;
  }
  return `reading files ${p.filesDone}/${p.filesTotal} · ${formatCount(p.records)} events · ${formatRate(p.records, p.elapsedMs)} events/s${archiveMember(p.current)}`;
}

/** Inside a large archive the file count stands still, so the member being read is shown. */
function archiveMember(current: string | undefined): string {
  if (current === undefined || !current.includes('!')) return '';
  const member = current.slice(current.indexOf('!'));
  return ` · ${member.length > 60 ? `…${member.slice(-59)}` : member}`;
}

export function describeReject(reject: Reject): string {
  const where = reject.record === null ? reject.file : `${reject.file}: record ${reject.record}`;
  return `rejected ${where}: ${reject.reason}`;
}

function landed(summary: IngestSummary): number {
  return Object.values(summary.rows).reduce((sum, n) => sum + n, 0);
}

/**
 * The rollup region decides which tables cover every region, so choosing it is said out loud: the first
 * time (and how to choose another), and whenever --rollup-region moves it.
 */
function rollupChange(saved: string | null, now: string | null, given: string | undefined): string | null {
  if (now === null || saved === now) return null;
  const tables = `amazon_security_lake_table_${now.replaceAll('-', '_')}_<source>_2_0`;
  if (saved === null) {
    const why = given === undefined ? ' (the first region ingested; choose with --rollup-region REGION)' : '';
    return `rollup region set to ${now}${why}: ${tables} covers every region`;
  }
  return `rollup region changed from ${saved} to ${now}: ${tables} now covers every region, and the ${saved} tables hold ${saved} only`;
}

function renderSummary(summary: IngestSummary, args: ParsedArgs, io: CliIO): string {
  const rows: string[][] = Object.entries(summary.rows)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, count]) => [source, formatCount(count)]);
  rows.push(['duplicates (already in the lake)', formatCount(summary.duplicates)]);
  rows.push(['rejected (see _tarn/dead-letter/)', formatCount(summary.rejected.length)]);
  const table = summaryTable(
    [
      ['table', 'varchar'],
      ['rows', 'bigint'],
    ],
    rows,
    args,
    io,
  );
  // Decoded as U+FFFD, as any JSON reader does; said so, since a forged field may hide behind it.
  const invalid =
    summary.invalidUtf8 > 0
      ? `${formatCount(summary.invalidUtf8)} invalid UTF-8 byte sequences read as U+FFFD (--strict rejects such files)\n`
      : '';
  // A rate of rejects would read as throughput; only records that landed (or were known already) count.
  const accepted = summary.inputRecords - summary.rejected.length;
  const rate = accepted > 0 ? ` (${formatRate(accepted, summary.seconds * 1000)} events/s)` : '';
  return `${table}${invalid}${flowLogStatusLines(summary)}${formatCount(summary.inputRecords)} records from ${formatCount(summary.files)} files in ${summary.seconds.toFixed(1)} s${rate}${summary.rollupRegion ? `; rollup region ${summary.rollupRegion}` : ''}\n`;
}

/** Shown up to this many; `--summary-json` lists them all. */
const SKIPDATA_SHOWN = 10;

/** NODATA and SKIPDATA flow records made no rows: said, with where and when each SKIPDATA lost records. */
function flowLogStatusLines({ flowLogStatus, skipdata }: IngestSummary): string {
  if (flowLogStatus.nodata + flowLogStatus.skipdata === 0) return '';
  const counts = flowLogStatusCounts(flowLogStatus);
  return `VPC flow log status records, counted and not written as rows: ${counts}\n${skipdataLines(skipdata, SKIPDATA_SHOWN, true)}`;
}
