// `tarn detect [--lake DIR] [--since TS] [--to TS] [--rule ID] [--min-severity S] [--rules DIR]
// [--format F] [--fail-on S]`: evaluates the enabled rules over the ingest batches not yet evaluated
// (or over the window given), stores the new detections in the lake and prints them, as a table (CSV,
// Markdown, HTML) or as OCSF Detection Findings (JSON, JSON lines). A rule that fails is reported on stderr and makes the exit code 1; exit code 3
// says there are hits at or above --fail-on, so cron and CI can alert on it.

import { printedFinding } from '../detect/detection-finding.ts';
import { atLeast, SEVERITIES, type Severity } from '../detect/detection-rule.ts';
import { loadRules } from '../detect/detection-rules.ts';
import { detectAndStore, type NewDetection } from '../detect/detection-store.ts';
import { readLakeConfig } from '../lake/lake-config.ts';
import { TarnError } from '../tarn-error.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, existingLake, LAKE_OPTION, type ParsedArgs, stringOption } from './command.ts';
import {
  LISTING_OPTIONS,
  type Listing,
  listingFormat,
  listingResult,
  listingText,
  listingUsage,
  tableTime,
} from './listing-output.ts';
import { deliverPending } from './notify-command.ts';
import { withTicker } from './progress-line.ts';
import { WINDOW_OPTIONS, windowOptions } from './time-options.ts';

const COLUMNS = [
  ['time', 'timestamp(3)'],
  ['severity', 'varchar'],
  ['rule', 'varchar'],
  ['principal', 'varchar'],
  ['account', 'varchar'],
  ['resources', 'varchar'],
  ['events', 'bigint'],
  ['detail', 'varchar'],
] as const;
export const DETECTIONS_FOUND = 3;

export const detectCommand: Command = {
  name: 'detect',
  summary: 'run the detection rules (IAM persistence, log tampering, S3 destruction, …) over the lake',
  usage: `Usage: tarn detect [--lake DIR] [--since TS] [--to TS] [--last D] [--rule ID] [--min-severity S]
                   [--rules DIR] [--format table|csv|json|jsonl|markdown|html] [--wide] [--fail-on S]

  Without --since/--to/--last, the rules run over the ingest batches not evaluated yet (which stay pending after a
  run of some rules only, --rule or --min-severity, for the others). New detections are stored in
  the lake (table amazon_security_lake_table_<region>_ext_tarn_detections) and printed; one already stored is
  never stored or printed again. New detections are sent to the destinations of the lake's _tarn/notify.yaml
  (see tarn notify --help).

  --lake DIR         the lake (default ./lake or $TARN_LAKE); its rollup region's tables are read
  --since TS         start of the window: ISO-8601 (2024-03-10T14:00:00Z), a bare date (its start of day, UTC)
                     or a time before now (-30m, -24h, -7d, -2w)
  --from TS          the same as --since
  --to TS            end of the window, the same forms (a bare date is its end of day, UTC)
  --last D           the window that ends now: 30m, 24h, 7d, 2w (instead of --since and --to)
  --rule ID          only this rule
  --min-severity S   only rules of severity S or above (${SEVERITIES.join(', ')})
  --rules DIR        YAML rules beside the built-in pack (default: "rulesDir" in the lake's _tarn/config.json)
${listingUsage('an array of OCSF Detection Findings, class 2004; time_dt beside time', 'one finding a line')}
  --fail-on S        exit 3 when a new detection has severity S or above`,
  options: {
    ...LAKE_OPTION,
    since: { type: 'string' },
    ...WINDOW_OPTIONS,
    rule: { type: 'string' },
    'min-severity': { type: 'string' },
    rules: { type: 'string' },
    ...LISTING_OPTIONS,
    'fail-on': { type: 'string' },
  },
  async run(args, io) {
    const format = listingFormat(args);
    const window = windowOptions(
      { ...args, values: { ...args.values, from: args.values.since ?? args.values.from } },
      new Date(),
    );
    const lakeDir = existingLake(args);
    const minimum = severityOption(args, 'min-severity') ?? 'Low';
    const failOn = severityOption(args, 'fail-on');
    const only = stringOption(args, 'rule');
    const rulesDir = stringOption(args, 'rules') ?? (await readLakeConfig(lakeDir)).rulesDir;
    const rules = loadRules(rulesDir).filter(
      (rule) => (only === undefined ? rule.enabled : rule.id === only) && atLeast(rule.severity, minimum),
    );
    if (only !== undefined && rules.length === 0) throw new TarnError(`no rule "${only}" at or above ${minimum}`, 2);
    const windowGiven = window.from !== null || window.to !== null;
    const outcome = await withTicker(io, `evaluating ${rules.length} rules`, () =>
      detectAndStore(lakeDir, rules, windowGiven ? window : undefined, only !== undefined || minimum !== 'Low'),
    );
    const found = [...outcome.detections].sort((a, b) => a.hit.time.localeCompare(b.hit.time));
    const footer = `(${found.length} new detections from ${rules.length} rules)\n`;
    io.stdout(listingText(detectionsListing(found, footer), format, args, io));
    // Only under a table may a stdout destination's alerts follow on stdout; any other format stays whole.
    await deliverPending(lakeDir, io, format === 'table' ? io.stdout : io.stderr);
    const { errors } = outcome;
    for (const error of errors) io.stderr(`tarn detect: ${error}\n`);
    if (errors.length > 0) return 1;
    return failOn !== undefined && found.some((f) => atLeast(f.hit.severity, failOn)) ? DETECTIONS_FOUND : 0;
  },
};

function severityOption(args: ParsedArgs, name: string): Severity | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const severity = SEVERITIES.find((s) => s.toLowerCase() === text.toLowerCase());
  if (severity === undefined) throw new TarnError(`--${name} must be one of ${SEVERITIES.join(', ')}`, 2);
  return severity;
}

/** Sorted by time: a row per detection in the table forms, its OCSF Detection Finding in JSON. */
function detectionsListing(found: readonly NewDetection[], footer: string): Listing {
  const rows = found.map(({ hit: h }) => [
    tableTime(h.time),
    h.severity,
    h.rule,
    h.principalName,
    h.accountId,
    h.resources.join(' '),
    h.events.length,
    h.detail,
  ]);
  const findings = found.map((f) => printedFinding(f.finding));
  return { result: listingResult(COLUMNS, rows), json: findings, lines: findings, footer, title: 'Tarn detections' };
}

/** After `tarn ingest` commits a batch: the enabled rules over it, new detections stored and printed. */
export async function detectNewBatches(lakeDir: string, io: CliIO): Promise<void> {
  const rules = loadRules((await readLakeConfig(lakeDir)).rulesDir).filter((rule) => rule.enabled);
  const outcome = await detectAndStore(lakeDir, rules);
  for (const error of outcome.errors) io.stderr(`tarn detect: ${error}\n`);
  printDetections(outcome.detections, io);
  await deliverPending(lakeDir, io, io.stdout);
}

/** New detections as a table, nothing when there are none. */
export function printDetections(detections: readonly NewDetection[], io: CliIO): void {
  if (detections.length === 0) return;
  const found = [...detections].sort((a, b) => a.hit.time.localeCompare(b.hit.time));
  const footer = `(${found.length} new detections; see tarn detect --help)\n`;
  io.stdout(listingText(detectionsListing(found, footer), 'table', { values: {}, positionals: [] }, io));
}
