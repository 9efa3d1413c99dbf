// Writes files where and how AWS delivers them: gzipped CloudTrail delivery files under AWSLogs/,
// and Security Hub's EventBridge events as gzipped JSON lines. Compression runs on the libuv pool
// with a bounded number of files in flight, so generating stays ahead of gzip without piling up.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
/** A fixed level keeps the bytes identical from run to run. */
const GZIP_LEVEL = 6;

function datePath(timeMs: number): { dir: string; stamp: string; hour: string } {
  const iso = new Date(timeMs).toISOString();
  return {
    dir: `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`,
    stamp: `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`,
    hour: iso.slice(11, 13),
  };
}

/** `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<stamp>_<unique>.json.gz` */
export function cloudTrailFilePath(accountId: string, region: string, deliveryMs: number, unique: string): string {
  const { dir, stamp } = datePath(deliveryMs);
  return `AWSLogs/${accountId}/CloudTrail/${region}/${dir}/${accountId}_CloudTrail_${region}_${stamp}_${unique}.json.gz`;
}

/** `securityhub/<account>/<region>/YYYY/MM/DD/findings-<HH>.jsonl.gz`, one file per hour of events. */
export function findingsFilePath(accountId: string, region: string, timeMs: number): string {
  const { dir, hour } = datePath(timeMs);
  return `securityhub/${accountId}/${region}/${dir}/findings-${hour}.jsonl.gz`;
}

export class DeliveryFileWriter {
  readonly #outDir: string;
  readonly #dirs = new Set<string>();

  constructor(outDir: string) {
    this.#outDir = outDir;
  }

  async write(relativePath: string, text: string): Promise<void> {
    const path = join(this.#outDir, relativePath);
    const dir = dirname(path);
    if (!this.#dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.#dirs.add(dir);
    }
    writeFileSync(path, gzipSync(text, { level: GZIP_LEVEL }));
  }

  writeCloudTrail(relativePath: string, records: readonly unknown[]): Promise<void> {
    return this.write(relativePath, JSON.stringify({ Records: records }));
  }

  writeJsonLines(relativePath: string, lines: readonly unknown[]): Promise<void> {
    return this.write(relativePath, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  }

  async flush(): Promise<void> {}
}
