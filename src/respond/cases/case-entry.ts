// One line of a case log, and the two hashes that chain the log: `hash` seals the entry's own content and
// `prev` seals the whole previous line, so editing, removing, inserting or moving a line breaks the chain.

import { sha256Hex } from './case-store.ts';

/** `aws-call`: one call `tarn contain --execute` made, or refused to make, with its result. */
export type CaseEntryKind = 'open' | 'query' | 'note' | 'file' | 'aws-call';
const KINDS: readonly string[] = ['open', 'query', 'note', 'file', 'aws-call'] satisfies CaseEntryKind[];

export interface EvidenceFile {
  /** Relative to the case folder, with forward slashes: `evidence/0002/result.json`. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The state of the lake a query saw, so that anyone can tell whether it would still see the same. */
export interface LakeState {
  readonly ledgerPosition: number;
  readonly ledgerSha256: string;
  readonly lakeDir: string;
}

export interface QueryOutcome {
  readonly rows: number;
  /** True when only the first `rows` rows were kept (the query's --max-rows). */
  readonly truncated: boolean;
}

export interface CaseEntry {
  readonly seq: number;
  readonly time: string;
  readonly analyst: string;
  readonly kind: CaseEntryKind;
  readonly title: string;
  readonly query?: string;
  readonly result?: QueryOutcome;
  readonly files: readonly EvidenceFile[];
  readonly lake?: LakeState;
  readonly prev: string;
  readonly hash: string;
}

/** What the first entry's `prev` holds: there is no line before it. */
export const GENESIS = '0'.repeat(64);

/** The hash of an entry: SHA-256 of its canonical JSON (keys sorted, no spaces) without the `hash` field. */
export function entryHash(entry: Omit<CaseEntry, 'hash'> | CaseEntry): string {
  const { hash: _ignored, ...content } = entry as CaseEntry;
  return sha256Hex(canonicalJson(content));
}

export function sealEntry(content: Omit<CaseEntry, 'hash'>): CaseEntry {
  return { ...content, hash: entryHash(content) };
}

/** The hash the next entry's `prev` must hold. */
export function lineHash(line: string): string {
  return sha256Hex(line);
}

export function entryLine(entry: CaseEntry): string {
  return JSON.stringify(entry);
}

/** Parses one log line; the reason it is not an entry, when it is not one. */
export function parseEntryLine(line: string): CaseEntry | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'is not valid JSON';
  }
  return entryShapeProblem(value) ?? (value as CaseEntry);
}

function entryShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
  const entry = value as Record<string, unknown>;
  if (!Number.isSafeInteger(entry.seq)) return 'has no whole-number seq';
  for (const field of ['time', 'analyst', 'kind', 'title', 'prev', 'hash']) {
    if (typeof entry[field] !== 'string') return `has no text field "${field}"`;
  }
  if (!KINDS.includes(entry.kind as string)) return `has an unknown kind "${String(entry.kind)}"`;
  if (!Array.isArray(entry.files) || !entry.files.every(isEvidenceFile)) return 'has a malformed files list';
  return undefined;
}

function isEvidenceFile(value: unknown): value is EvidenceFile {
  const file = value as Partial<EvidenceFile> | null;
  return (
    typeof file === 'object' &&
    file !== null &&
    typeof file.path === 'string' &&
    typeof file.sha256 === 'string' &&
    Number.isSafeInteger(file.bytes)
  );
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    const fields = keys
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}
