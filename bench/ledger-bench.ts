// The ledger at scale: a lake whose ledger lists 1M input files and 100k data files, then batches committed into
// it. Prints each commit's time beside the whole-file rewrite the ledger used to do (the baseline), on the same
// ledger in the same run, and the machine's load at start and end. `npm run bench:ledger [-- --inputs N --files N]`;
// `npm run bench` runs it as one of its parts.

import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commitBatch, STAGING_DIR } from '../src/lake/batch-commit.ts';
import {
  LEGACY_LEDGER_FILE,
  type LedgerBatch,
  type LedgerDataFile,
  type LegacyLedgerFile,
  readLedger,
  readLedgerFiles,
} from '../src/lake/ledger.ts';
import { LEDGER_DIR } from '../src/lake/ledger-store.ts';
import { loadAverage, saveFigures } from './bench-phases.ts';

const { values } = parseArgs({
  options: { inputs: { type: 'string' }, files: { type: 'string' }, commits: { type: 'string' } },
});
const INPUTS = Number(values.inputs ?? 1_000_000);
const FILES = Number(values.files ?? 100_000);
const COMMITS = Number(values.commits ?? 5);
const INPUTS_PER_BATCH = 1000;
const FILES_PER_BATCH = 100;
const LARGE_BATCH = 60_000;

/** What `npm run bench` reads of this bench. */
export interface LedgerFigures {
  readonly inputs: number;
  readonly files: number;
  /** The median of the commits after the first, which migrates the legacy ledger. */
  readonly medianCommitMs: number;
  /** A batch of LARGE_BATCH inputs, as a first ingest of the 1M scenario commits. */
  readonly largeCommitMs: number;
}

const hex = (n: number) => n.toString(16).padStart(64, '0');

function dataFile(n: number, batch: string): LedgerDataFile {
  const day = `202403${String(1 + (n % 28)).padStart(2, '0')}`;
  const account = String(100000000000 + (n % 500));
  return {
    path: `aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=${account}/eventDay=${day}/${batch}-${n}-0.parquet`,
    source: 'cloud_trail_mgmt',
    region: 'us-east-1',
    accountId: account,
    eventDay: day,
    rows: 1000,
  };
}

function batchOf(seq: number, firstInput: number, inputs: number): LedgerBatch {
  return {
    seq,
    id: `20240310T000000-${String(seq).padStart(8, '0')}`,
    committedAt: '2024-03-10T00:00:00.000Z',
    inputs: Array.from({ length: inputs }, (_, i) => {
      const n = firstInput + i;
      return {
        path: `logs/AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/10/111122223333_CloudTrail_us-east-1_${n}.json.gz`,
        sha256: hex(n),
        bytes: 20_000,
        records: 100,
      };
    }),
    rows: { cloud_trail_mgmt: inputs * 100 },
    duplicates: 0,
    rejected: 0,
    deadLetter: null,
  };
}

function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  return run().then((value) => [value, performance.now() - start]);
}

async function main(): Promise<void> {
  console.log(`load average at start: ${loadAverage()}`);
  const lake = await mkdtemp(join(tmpdir(), 'tarn-ledger-bench-'));
  try {
    const batches = Array.from({ length: Math.ceil(INPUTS / INPUTS_PER_BATCH) }, (_, i) =>
      batchOf(i + 1, i * INPUTS_PER_BATCH, INPUTS_PER_BATCH),
    );
    const files = Array.from({ length: FILES }, (_, n) => dataFile(n, 'old'));
    const legacy: LegacyLedgerFile = { version: 1, batches, files };
    await mkdir(join(lake, '_tarn'), { recursive: true });
    const legacyText = JSON.stringify(legacy);
    await writeFile(join(lake, LEGACY_LEDGER_FILE), legacyText);
    console.log(
      `ledger: ${INPUTS.toLocaleString('en-US')} input files in ${batches.length} batches, ${FILES.toLocaleString('en-US')} data files (${(legacyText.length / 1e6).toFixed(0)} MB as one JSON)`,
    );

    // Baseline: what every commit cost before, the whole ledger serialized and renamed into place.
    const [, baseline] = await timed(async () => {
      const path = join(lake, 'baseline.json');
      await writeFile(
        `${path}.tmp`,
        JSON.stringify({ ...legacy, batches: [...batches, batchOf(0, 0, INPUTS_PER_BATCH)] }),
      );
      await rename(`${path}.tmp`, path);
    });
    await rm(join(lake, 'baseline.json'));

    let [ledger, readMs] = await timed(() => readLedger(lake));
    console.log(`read the legacy ledger: ${readMs.toFixed(0)} ms`);
    const rows: string[][] = [];
    for (let i = 0; i <= COMMITS; i++) {
      const id = `bench-${i}`;
      const stagedRoot = join(lake, STAGING_DIR, id, 'out');
      const added = Array.from({ length: FILES_PER_BATCH }, (_, n) => dataFile(FILES + i * FILES_PER_BATCH + n, id));
      for (const file of added) {
        await mkdir(join(stagedRoot, file.path, '..'), { recursive: true });
        await writeFile(join(stagedRoot, file.path), 'PAR1');
      }
      const batch = { ...batchOf(0, INPUTS + i * INPUTS_PER_BATCH, INPUTS_PER_BATCH), id };
      const [next, ms] = await timed(() =>
        commitBatch(lake, ledger, { batch, files: added, stagedRoot, stagedDeadLetter: null }),
      );
      ledger = next;
      rows.push([
        i === 0 ? 'first commit (migrates the legacy ledger)' : `commit ${i}`,
        ms.toFixed(0),
        (baseline / ms).toFixed(1),
      ]);
    }
    const [, fullRead] = await timed(() => readLedger(lake));
    const [, filesRead] = await timed(() => readLedgerFiles(lake));
    // One batch of many inputs after the snapshot, as a first ingest of the 1M scenario leaves (61,934 files):
    // queries open the catalog from the data-file list, which need not parse its input list.
    const id = 'bench-large';
    const stagedRoot = join(lake, STAGING_DIR, id, 'out');
    const added = Array.from({ length: FILES_PER_BATCH }, (_, n) => dataFile(FILES * 2 + n, id));
    for (const file of added) {
      await mkdir(join(stagedRoot, file.path, '..'), { recursive: true });
      await writeFile(join(stagedRoot, file.path), 'PAR1');
    }
    const large = { ...batchOf(0, INPUTS * 2, LARGE_BATCH), id };
    const [last, largeCommit] = await timed(() =>
      commitBatch(lake, ledger, { batch: large, files: added, stagedRoot, stagedDeadLetter: null }),
    );
    const record = await readFile(join(lake, LEDGER_DIR, `commit-${String(last.seq).padStart(12, '0')}.json`), 'utf8');
    const [, largeFilesRead] = await timed(() => readLedgerFiles(lake));
    const [, wholeRecord] = await timed(async () => JSON.parse(`[${record.replace('\n', ',')}]`));
    console.log(
      `\n${'commit'.padEnd(44)} ${'ms'.padStart(6)}  baseline (whole-file rewrite, ${baseline.toFixed(0)} ms) / this`,
    );
    for (const [name, ms, ratio] of rows) console.log(`${name?.padEnd(44)} ${ms?.padStart(6)}  ${ratio}×`);
    const steady = rows
      .slice(1)
      .map((r) => Number(r[1]))
      .sort((a, b) => a - b);
    const medianCommitMs = steady[Math.floor(steady.length / 2)] ?? Number.NaN;
    console.log(
      `\nmedian commit into the lake: ${medianCommitMs} ms (${INPUTS_PER_BATCH} inputs, ${FILES_PER_BATCH} data files each)`,
    );
    console.log(
      `read the whole ledger: ${fullRead.toFixed(0)} ms; read the data-file list (queries): ${filesRead.toFixed(0)} ms`,
    );
    console.log(
      `a batch of ${LARGE_BATCH.toLocaleString('en-US')} inputs after the snapshot (${(record.length / 1e6).toFixed(0)} MB record): committed in ${largeCommit.toFixed(0)} ms; the data-file list read in ${largeFilesRead.toFixed(0)} ms, where parsing its whole record alone takes ${wholeRecord.toFixed(0)} ms`,
    );
    const figures: LedgerFigures = { inputs: INPUTS, files: FILES, medianCommitMs, largeCommitMs: largeCommit };
    saveFigures(figures);
  } finally {
    await rm(lake, { recursive: true, force: true });
    console.log(`load average at end: ${loadAverage()}`);
  }
}

await main();
