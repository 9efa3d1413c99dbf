// `tarn case open|add|log|export|verify NAME …`: a case folder whose hash-chained log records each step of an
// investigation with its evidence (NIST SP 800-61), and a bundle of it that proves itself.

import {
  analystName,
  appendEntry,
  type CaseEntry,
  caseDir,
  draftEvidence,
  type EntryDraft,
  type ExpectedHead,
  entryLine,
  exportCase,
  HEAD_PATTERN,
  lineHash,
  openCase,
  readCaseLog,
  type Verification,
  verifyBundle,
  verifyCase,
} from '../respond/cases/index.ts';
import { TarnError } from '../tarn-error.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, existingLake, LAKE_OPTION, maxRowsOption, type ParsedArgs, stringOption } from './command.ts';
import {
  LISTING_OPTIONS,
  type Listing,
  listingFormat,
  listingResult,
  listingText,
  tableTime,
} from './listing-output.ts';

export const caseCommand: Command = {
  name: 'case',
  summary: 'keep an investigation’s evidence: queries, results, notes and files in a hash-chained log',
  usage: `Usage: tarn case open NAME [--analyst NAME]
       tarn case add NAME --query SQL [--lake DIR] [--max-rows N|all] [--title T]
       tarn case add NAME --note TEXT [--title T]
       tarn case add NAME --file PATH [--title T]
       tarn case log NAME [--format table|csv|json|jsonl|markdown|html] [--wide]
       tarn case export NAME [--out FILE]
       tarn case verify NAME [--head HASH] | tarn case verify --bundle FILE.tar.gz [--head HASH]

  Cases live in --cases DIR (default ./cases, or $TARN_CASES), one folder each. Every step is an entry of
  the case's log.jsonl, chained by SHA-256: a query's text, its result (JSON and CSV) and the lake state it
  was taken at (ledger position and the ledger's SHA-256); a note; a copy of a file. verify checks the chain
  and every evidence file. add, log, verify and export print the head (the SHA-256 of the log's last line):
  write it down, and verify --head HASH fails unless the log still ends there, as it does when entries were
  removed from its end with their evidence. A bundle records its head in NAME.manifest.json and is checked
  against it.

  --cases DIR      where cases live, one folder each (default ./cases, or $TARN_CASES)
  --analyst NAME   who records the entry (default $TARN_ANALYST, else the OS user)
  --query SQL      add: an Athena query run against the lake; its result is recorded with it
  --lake DIR       add --query: the lake queried (default ./lake, or $TARN_LAKE)
  --max-rows N|all add --query: rows of the result recorded at most (default 100000); all for every row
  --note TEXT      add: a note
  --file PATH      add: a copy of a file, with its SHA-256
  --title T        add: the entry's title (default: the query, the note's first line or the file's name)
  --format F       log: table (default; numbers right-aligned, cut to the terminal's width), csv, json
                   ({"head", "entries": [...]}), jsonl (one entry a line), markdown or html (one page)
  --wide           log: do not cut table cells to the terminal's width
  --out FILE       export: the bundle written (default NAME.tar.gz)
  --bundle FILE    verify: check an exported bundle instead of a case folder
  --head HASH      verify: fail unless the log ends at this head`,
  options: {
    ...LAKE_OPTION,
    cases: { type: 'string', default: process.env.TARN_CASES ?? './cases' },
    analyst: { type: 'string' },
    query: { type: 'string' },
    note: { type: 'string' },
    file: { type: 'string' },
    title: { type: 'string' },
    'max-rows': { type: 'string', default: '100000' },
    ...LISTING_OPTIONS,
    out: { type: 'string' },
    bundle: { type: 'string' },
    head: { type: 'string' },
  },
  async run(args, io) {
    const [action, name, ...extra] = args.positionals;
    if (extra.length > 0) throw new TarnError(`unexpected argument "${extra[0]}"`, 2);
    const bundle = stringOption(args, 'bundle');
    const heads = givenHead(args);
    if (heads.length > 0 && action !== 'verify') throw new TarnError('--head is for tarn case verify', 2);
    if (action === 'verify' && bundle !== undefined) return report(await verifyBundle(bundle, heads), io);
    if (action === undefined || name === undefined)
      throw new TarnError('give an action and a case name: tarn case ACTION NAME', 2);
    const dir = caseDir(stringOption(args, 'cases') ?? './cases', name);
    switch (action) {
      case 'open': {
        await openCase(dir, analyst(args), name);
        io.stdout(`opened case ${name} in ${dir}\n`);
        return 0;
      }
      case 'add': {
        const drafted = await draft(args);
        const entry = await appendEntry(dir, analyst(args), drafted);
        io.stdout(`${describeEntry(name, entry)}${drafted.preview ?? ''}`);
        return 0;
      }
      case 'log':
        return printLog(dir, args, io);
      case 'export': {
        const out = stringOption(args, 'out') ?? `${name}.tar.gz`;
        const exported = await exportCase(dir, out);
        io.stdout(`wrote ${out}: ${exported.entries} entries, head ${exported.head}; sha256 ${exported.sha256}\n`);
        return 0;
      }
      case 'verify':
        return report(await verifyCase(dir, heads), io);
      default:
        throw new TarnError(`unknown action "${action}": use open, add, log, export or verify`, 2);
    }
  },
};

/** The case `--case NAME` names, checked before any long work: opened, and its log unbroken. */
export async function existingCase(args: ParsedArgs, name: string): Promise<{ name: string; dir: string }> {
  const dir = caseDir(stringOption(args, 'cases') ?? './cases', name);
  const { broken } = await readCaseLog(dir).catch((error: Error) => {
    throw new TarnError(`${error.message} (open it with tarn case open ${name})`, 2);
  });
  if (broken) throw new TarnError(`the case log is broken: ${broken}`);
  return { name, dir };
}

export function analyst(args: ParsedArgs): string {
  return analystName(stringOption(args, 'analyst'));
}

function draft(args: ParsedArgs): Promise<EntryDraft> {
  const query = stringOption(args, 'query');
  return draftEvidence({
    // Only a query reads the lake; a mistyped --lake must not record an empty answer as evidence.
    lakeDir: query === undefined ? (stringOption(args, 'lake') ?? './lake') : existingLake(args),
    query,
    note: stringOption(args, 'note'),
    file: stringOption(args, 'file'),
    title: stringOption(args, 'title'),
    maxRows: maxRowsOption(args),
  });
}

export function describeEntry(name: string, entry: CaseEntry): string {
  const result = entry.result
    ? `, ${entry.result.rows} rows${entry.result.truncated ? ' (truncated, see --max-rows)' : ''}`
    : '';
  const lake = entry.lake ? ` at ledger position ${entry.lake.ledgerPosition}` : '';
  const files = entry.files.map((file) => `  ${file.path}  sha256 ${file.sha256}\n`).join('');
  const head = lineHash(entryLine(entry));
  return `added entry ${entry.seq} (${entry.kind}${result}${lake}) to case ${name}, head ${head}\n${files}`;
}

async function printLog(dir: string, args: ParsedArgs, io: CliIO): Promise<number> {
  const format = listingFormat(args);
  const { links, broken } = await readCaseLog(dir);
  const entries = links.map((link) => link.entry);
  // The head of a broken log would pin the part that holds as if it were the whole.
  const last = links.at(-1);
  const head = broken || last === undefined ? null : lineHash(last.text);
  io.stdout(listingText(logListing(entries, head), format, args, io));
  if (broken) io.stderr(`the log is broken after the entries shown: ${broken}\n`);
  return broken ? 1 : 0;
}

const LOG_COLUMNS = [
  ['seq', 'bigint'],
  ['time', 'timestamp(3)'],
  ['analyst', 'varchar'],
  ['kind', 'varchar'],
  ['title', 'varchar'],
  ['evidence', 'varchar'],
] as const;

function logListing(entries: readonly CaseEntry[], head: string | null): Listing {
  const rows = entries.map((entry) => {
    const files = entry.files.map((file) => file.path.slice(file.path.lastIndexOf('/') + 1));
    const lake = entry.lake ? [`${entry.result?.rows ?? 0} rows @ ledger ${entry.lake.ledgerPosition}`] : [];
    return [entry.seq, tableTime(entry.time), entry.analyst, entry.kind, entry.title, [...lake, ...files].join(', ')];
  });
  return {
    result: listingResult(LOG_COLUMNS, rows),
    json: { head, entries },
    lines: entries,
    footer: head === null ? '' : `head ${head} (entry ${entries.length})\n`,
    title: 'Tarn case log',
  };
}

/** `--head HASH`: the head the log must end at, written down when it was printed. */
function givenHead(args: ParsedArgs): ExpectedHead[] {
  const head = stringOption(args, 'head');
  if (head === undefined) return [];
  if (!HEAD_PATTERN.test(head.toLowerCase())) {
    throw new TarnError(`--head takes the 64 hex digits of a head that tarn printed, not "${head}"`, 2);
  }
  return [{ head: head.toLowerCase(), source: 'given with --head' }];
}

function report(verification: Verification, io: CliIO): number {
  if (!verification.ok) throw new TarnError(`verification failed: ${verification.problem}`);
  const pinned = verification.pinnedBy.length === 0 ? '' : `, as ${verification.pinnedBy.join(' and ')}`;
  io.stdout(`verified ${verification.entries} entries (head ${verification.head}${pinned})\n`);
  return 0;
}
