// Detections kept in the lake as OCSF Detection Findings, a Tarn source with its own table in Security Lake's
// custom-source layout (`ext/tarn_detections/region=/accountId=/eventDay=/`, queried as
// `amazon_security_lake_table_<region>_ext_tarn_detections`), committed through the lake's atomic batch commit.
// Rules are evaluated over the data of ingest batches not yet evaluated (late CloudTrail included: the window is
// the event days those batches hold), and a finding already stored (same uid) is never written again, so a
// crash between the commit and the state file, or a re-run, never duplicates. Each new detection is queued in
// the outbox for the lake's notify destinations (see alert-outbox.ts).

import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BIGINT } from '@duckdb/node-api';
import { commitBatch, recoverLake, STAGING_DIR } from '../lake/batch-commit.ts';
import { CustomParquetWriter } from '../lake/custom-parquet-writer.ts';
import { readLakeConfig } from '../lake/lake-config.ts';
import { acquireLakeLock } from '../lake/lake-lock.ts';
import { type Ledger, readLedger, TARN_DIR } from '../lake/ledger.ts';
import { readHead } from '../lake/ledger-store.ts';
import { RowStager } from '../lake/row-stager.ts';
import { openQueryEngine, type QueryEngine } from '../query/index.ts';
import { readNotifyConfig } from './alert-destinations.ts';
import { enqueueAlerts } from './alert-outbox.ts';
import { detectionFinding, findingUid } from './detection-finding.ts';
import type { DetectionRule } from './detection-rule.ts';
import { type DetectionHit, type DetectionWindow, type RuleResult, runDetections } from './detection-runner.ts';
import { suppressHits } from './hit-grouping.ts';
import { foldBaselines, type KeptBaselines, keptTables, removeUnnamedBaselines } from './rule-baselines.ts';

export const DETECTIONS_SOURCE = 'ext/tarn_detections';
const STATE_FILE = `${TARN_DIR}/detections.json`;
const DAY_MS = 86_400_000;

export interface DetectState {
  /** Ingest batches whose data the rules have been evaluated over. */
  readonly evaluated: readonly string[];
  /** Per suppression key (see hit-grouping.ts), the epoch ms of the last detection kept. */
  readonly suppressed?: Readonly<Record<string, number>>;
  /**
   * The ledger's seq once those were evaluated and their detections committed. While the head is still
   * there, nothing is pending, and the ledger (seconds to parse on a lake of many input files) is not read.
   */
  readonly seq?: number;
  /** The kept baselines of the rules that learn from history, holding every evaluated batch (rule-baselines.ts). */
  readonly baselines?: KeptBaselines;
}

export interface NewDetection {
  readonly hit: DetectionHit;
  readonly rule: DetectionRule;
  readonly finding: Record<string, unknown>;
}

export interface DetectOutcome {
  readonly detections: readonly NewDetection[];
  readonly errors: readonly string[];
  /** Ingest batches evaluated by this run. */
  readonly batches: number;
}

/**
 * Evaluates `rules` over the pending batches (or over `window` when given), stores and returns what is new.
 * Only a run of the whole pack over the pending batches (`partial` false) marks them evaluated: after a run of
 * some rules (`--rule`, `--min-severity`) they stay pending for the others.
 */
export async function detectAndStore(
  lakeDir: string,
  rules: readonly DetectionRule[],
  window?: DetectionWindow,
  partial = false,
): Promise<DetectOutcome> {
  const lock = await acquireLakeLock(lakeDir);
  try {
    await recoverLake(lakeDir);
    const ledger = await readLedger(lakeDir);
    const state = await readDetectState(lakeDir);
    const done = new Set(state.evaluated);
    const pending = ledger.batches.filter((b) => !done.has(b.id) && Object.keys(b.rows).some(isLakeData));
    const evaluate = window ?? pendingWindow(ledger, new Set(pending.map((b) => b.id)));
    if (evaluate === null) {
      // Nothing pending: a state written before it named the ledger's seq learns it here.
      const seq = (await readHead(lakeDir))?.seq;
      if (pending.length === 0 && seq !== undefined && state.seq !== seq) await writeState(lakeDir, { ...state, seq });
      return { detections: [], errors: [], batches: 0 };
    }
    const kept = state.baselines ?? {};
    const { tables, views } = keptTables(lakeDir, rules, kept);
    const engine = await openQueryEngine({ lakeDir, stateTables: tables });
    const advance = window === undefined && !partial;
    const evaluated = await evaluateAndFold(engine, evaluate, rules, views, advance ? kept : null).finally(() =>
      engine.close(),
    );
    const { results, baselines } = evaluated;
    const errors = [...results.flatMap((r) => ('error' in r ? [r.error] : [])), ...evaluated.errors];
    const suppressed = new Map(Object.entries(state.suppressed ?? {}));
    const found = suppressHits(
      results.flatMap((r) => ('hits' in r ? r.hits.map((hit) => ({ hit, rule: r.rule })) : [])),
      suppressed,
    );
    const region = (await readLakeConfig(lakeDir)).rollupRegion ?? 'us-east-1';
    // Alerts are queued before the findings are committed: a crash in between finds the same findings again,
    // whose alerts are already queued, rather than losing them.
    const notify = await readNotifyConfig(lakeDir);
    const detections = await storeNew(lakeDir, ledger, region, found, (fresh) =>
      enqueueAlerts(
        lakeDir,
        notify,
        fresh.map((d) => ({ uid: findingUid(d.hit), hit: d.hit })),
      ),
    );
    // A rule that failed leaves its batches pending, so the next run evaluates them again.
    const complete = advance && errors.length === 0;
    const seq = complete ? (await readHead(lakeDir))?.seq : state.seq;
    // One atomic write marks the batches evaluated and names the baselines that hold them: a crash before it
    // evaluates them again against the old baselines, finding the same detections, which are not stored twice.
    const next = complete && baselines !== null ? baselines : kept;
    await writeState(lakeDir, {
      evaluated: [...state.evaluated, ...(complete ? pending.map((b) => b.id) : [])],
      suppressed: Object.fromEntries(suppressed),
      ...(seq === undefined ? {} : { seq }),
      ...(Object.keys(next).length === 0 ? {} : { baselines: next }),
    });
    await removeUnnamedBaselines(lakeDir, next);
    return { detections, errors, batches: window === undefined ? pending.length : 0 };
  } finally {
    await lock.release();
  }
}

/** Ingest batches holding data the rules have not been evaluated over yet. */
export async function pendingBatchCount(lakeDir: string): Promise<number> {
  const state = await readDetectState(lakeDir);
  if (state.seq !== undefined && (await readHead(lakeDir))?.seq === state.seq) return 0;
  const ledger = await readLedger(lakeDir);
  const done = new Set(state.evaluated);
  return ledger.batches.filter((b) => !done.has(b.id) && Object.keys(b.rows).some(isLakeData)).length;
}

function isLakeData(source: string): boolean {
  return source !== DETECTIONS_SOURCE;
}

/** From the first to the last event day the pending batches wrote, whole days, UTC. */
function pendingWindow(ledger: Ledger, pending: ReadonlySet<string>): DetectionWindow | null {
  const days = ledger.files
    .filter((file) => isLakeData(file.source) && pending.has(batchOfFile(file.path)))
    .map((file) => file.eventDay)
    .sort();
  const [first, last] = [days[0], days.at(-1)];
  if (first === undefined || last === undefined) return null;
  return { from: dayStart(first), to: dayStart(last) + DAY_MS - 1 };
}

/** Data files are named `<batchId>-<chunk>-<n>.parquet` by the lake's writers. */
function batchOfFile(path: string): string {
  return basename(path).replace(/-\d+-\d+\.parquet$/, '');
}

function dayStart(eventDay: string): number {
  return Date.UTC(Number(eventDay.slice(0, 4)), Number(eventDay.slice(4, 6)) - 1, Number(eventDay.slice(6, 8)));
}

/**
 * The rules over the window, then (for an incremental run: `kept` given) the window folded into the baselines
 * of the rules that learn from history, while the engine is open.
 */
async function evaluateAndFold(
  engine: QueryEngine,
  window: DetectionWindow,
  rules: readonly DetectionRule[],
  views: ReadonlyMap<string, string>,
  kept: KeptBaselines | null,
): Promise<{ results: RuleResult[]; baselines: KeptBaselines | null; errors: string[] }> {
  const results = await runDetections(engine, window, rules, views);
  if (kept === null || results.some((r) => 'error' in r)) return { results, baselines: null, errors: [] };
  const generation = `${Date.now()}-${randomBytes(4).toString('hex')}`;
  try {
    return { results, baselines: await foldBaselines(engine, rules, kept, window, generation), errors: [] };
  } catch (error) {
    return { results, baselines: null, errors: [(error as Error).message] };
  }
}

async function storeNew(
  lakeDir: string,
  ledger: Ledger,
  region: string,
  found: readonly { hit: DetectionHit; rule: DetectionRule }[],
  beforeCommit: (fresh: readonly NewDetection[]) => Promise<unknown>,
): Promise<NewDetection[]> {
  const batchId = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(4).toString('hex')}`;
  const stagingDir = join(lakeDir, STAGING_DIR, batchId);
  const writer = await CustomParquetWriter.open(join(stagingDir, 'out'), batchId, (name, detected) =>
    name === 'time' ? BIGINT : detected,
  );
  try {
    const own = ledger.files.filter((file) => file.source === DETECTIONS_SOURCE);
    const stored = await writer.committedKeys(lakeDir, own);
    const fresh = new Map<string, NewDetection>();
    for (const { hit, rule } of found) {
      const uid = findingUid(hit);
      if (!stored.has(uid) && !fresh.has(uid)) fresh.set(uid, { hit, rule, finding: detectionFinding(hit, rule) });
    }
    if (fresh.size === 0) return [];
    const stager = new RowStager(join(stagingDir, 'rows'), 100_000);
    for (const { hit, finding } of fresh.values()) {
      const eventDay = hit.time.slice(0, 10).replaceAll('-', '');
      stager.add(DETECTIONS_SOURCE, { ...finding, region, accountId: hit.accountId || 'unknown', eventDay });
    }
    for (const chunk of stager.finish()) await writer.write(chunk);
    const files = writer.stagedFiles();
    await beforeCommit([...fresh.values()]);
    await commitBatch(lakeDir, ledger, {
      batch: {
        seq: (ledger.batches.at(-1)?.seq ?? 0) + 1,
        id: batchId,
        committedAt: new Date().toISOString(),
        inputs: [],
        rows: { [DETECTIONS_SOURCE]: fresh.size },
        duplicates: 0,
        rejected: 0,
        deadLetter: null,
      },
      files,
      stagedRoot: join(stagingDir, 'out'),
      stagedDeadLetter: null,
    });
    return [...fresh.values()];
  } finally {
    writer.close();
    await recoverLake(lakeDir);
  }
}

export async function readDetectState(lakeDir: string): Promise<DetectState> {
  try {
    return JSON.parse(await readFile(join(lakeDir, STATE_FILE), 'utf8')) as DetectState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { evaluated: [] };
    throw error;
  }
}

async function writeState(lakeDir: string, state: DetectState): Promise<void> {
  const target = join(lakeDir, STATE_FILE);
  await writeFile(`${target}.tmp`, JSON.stringify(state));
  await rename(`${target}.tmp`, target);
}
