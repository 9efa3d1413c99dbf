// The manifest a case bundle carries beside the case folder (`NAME.manifest.json`): the number of entries
// and the head of the log when it was exported. The chain alone cannot show that entries were removed from
// its end together with their evidence; the recorded head can, so a bundle is checked against it.

import { readFile } from 'node:fs/promises';
import type { ExpectedHead } from './case-verify.ts';

export interface BundleManifest {
  readonly format: typeof FORMAT;
  readonly case: string;
  readonly entries: number;
  /** SHA-256 of the log's last line, as `tarn case verify` prints it. */
  readonly head: string;
  readonly exportedAt: string;
}

const FORMAT = 'tarn-case-bundle/1';

export const HEAD_PATTERN = /^[0-9a-f]{64}$/;

export const manifestName = (caseName: string) => `${caseName}.manifest.json`;

export function manifestJson(caseName: string, entries: number, head: string, exportedAt: Date): string {
  const manifest: BundleManifest = {
    format: FORMAT,
    case: caseName,
    entries,
    head,
    exportedAt: exportedAt.toISOString(),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The head the bundle's manifest records, null when there is no manifest, or why it cannot be read as one. */
export async function manifestHead(path: string, caseName: string): Promise<ExpectedHead | string | null> {
  let manifest: Partial<BundleManifest>;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return `its ${manifestName(caseName)} is not JSON`;
  }
  if (manifest?.format !== FORMAT || manifest.case !== caseName || !HEAD_PATTERN.test(String(manifest.head))) {
    return `its ${manifestName(caseName)} is not a manifest of case ${caseName} with a head`;
  }
  return { head: String(manifest.head), source: "recorded in the bundle's manifest" };
}
