// `tarn investigate --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format md|json|html]`:
// everything the lake says about one principal, with the containment and recovery plans it leads to; with
// `--case NAME` the report is added to that case as evidence too.
// The options and the run are shared with `tarn contain` and `tarn timeline`.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openQueryEngine } from '../query/index.ts';
import { appendEntry } from '../respond/cases/index.ts';
import { parseWindowTime, type TimeWindow } from '../respond/investigation/index.ts';
import {
  type InvestigationResult,
  investigate,
  investigationHtml,
  investigationJson,
  investigationMarkdown,
} from '../respond/report/index.ts';
import { TarnError } from '../tarn-error.ts';
import { analyst, caseCommand, describeEntry, existingCase } from './case-command.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, existingLake, LAKE_OPTION, type OptionSpec, type ParsedArgs, stringOption } from './command.ts';
import { progressLine } from './progress-line.ts';

export const PRINCIPAL_OPTIONS: OptionSpec = {
  ...LAKE_OPTION,
  principal: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
};

export const PRINCIPAL_USAGE = `  --principal P  a user name, user or role ARN, assumed-role ARN, principal id or access key id
  --from TS      ISO-8601 start of the window (a bare date is its start of day, UTC)
  --to TS        ISO-8601 end of the window (a bare date is its end of day, UTC)
  --lake DIR     the lake (default ./lake or $TARN_LAKE); its rollup region's tables are read`;

export function chosenFormat<T extends string>(args: ParsedArgs, formats: readonly T[]): T {
  const format = stringOption(args, 'format') as T;
  if (!formats.includes(format)) throw new TarnError(`--format must be one of ${formats.join(', ')}`, 2);
  return format;
}

/** `--from` and `--to` as a window, checked to be in order. */
export function windowOptions(args: ParsedArgs): TimeWindow {
  const from = stringOption(args, 'from');
  const to = stringOption(args, 'to');
  const window = {
    from: from === undefined ? null : parseWindowTime(from, 'from'),
    to: to === undefined ? null : parseWindowTime(to, 'to'),
  };
  if (window.from !== null && window.to !== null && window.from > window.to) {
    throw new TarnError('--from must not be after --to', 2);
  }
  return window;
}

/** Runs the investigation, showing on a terminal its phase, what it has read and the time taken. */
export async function investigatePrincipal(args: ParsedArgs, io: CliIO): Promise<InvestigationResult> {
  const principal = stringOption(args, 'principal');
  if (principal === undefined || principal === '') throw new TarnError('give --principal NAME_OR_ARN', 2);
  const window = windowOptions(args);
  const started = performance.now();
  const progress = progressLine(io);
  let phase = 'opening the lake';
  const draw = () => progress.update(`${phase} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const ticker = setInterval(draw, 250);
  try {
    const engine = await openQueryEngine({ lakeDir: existingLake(args) });
    try {
      const onPhase = (text: string) => {
        phase = text;
        draw();
      };
      return await investigate(engine, { principal, window, now: new Date(), onPhase });
    } finally {
      await engine.close();
    }
  } finally {
    clearInterval(ticker);
    progress.done();
  }
}

const FORMATS = ['md', 'json', 'html'] as const;

const RENDER = { md: investigationMarkdown, json: investigationJson, html: investigationHtml } as const;

/** `md`, or several as `md,html,json`: each is checked before any work starts. */
function reportFormats(args: ParsedArgs): (typeof FORMATS)[number][] {
  const formats = [...new Set((stringOption(args, 'format') ?? 'md').split(',').map((f) => f.trim()))];
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0)
    throw new TarnError(`--format must be one or more of ${FORMATS.join(', ')} (comma-separated)`, 2);
  return formats as (typeof FORMATS)[number][];
}

export const investigateCommand: Command = {
  name: 'investigate',
  summary: 'what a principal did, created and touched, its findings, and the containment and recovery plans',
  usage: `Usage: tarn investigate --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format md|json|html] [--out DIR]
                        [--case NAME [--cases DIR] [--analyst NAME]]

${PRINCIPAL_USAGE}
  --format F     md (default), json (the data), or html (one self-contained page); several as md,html,json
  --out DIR      write investigation.<format> for each format into DIR instead of printing (needed for several)
  --case NAME    also add the report, in each format asked for, to this case as one evidence entry
  --cases DIR    where cases live (default ./cases or $TARN_CASES); --analyst NAME who adds it`,
  options: {
    ...PRINCIPAL_OPTIONS,
    format: { type: 'string', default: 'md' },
    out: { type: 'string' },
    case: { type: 'string' },
    cases: caseCommand.options.cases as NonNullable<OptionSpec[string]>,
    analyst: caseCommand.options.analyst as NonNullable<OptionSpec[string]>,
  },
  async run(args, io) {
    const formats = reportFormats(args);
    const out = stringOption(args, 'out');
    if (out === undefined && formats.length > 1)
      throw new TarnError('several formats are written to files: give --out DIR', 2);
    const caseName = stringOption(args, 'case');
    // Checked before the analysis, which can take a while on a large lake.
    const target = caseName === undefined ? undefined : await existingCase(args, caseName);
    const { investigation } = await investigatePrincipal(args, io);
    const files = formats.map((format) => ({
      name: `investigation.${format}`,
      content: RENDER[format](investigation),
    }));
    if (out === undefined) io.stdout(files[0]?.content ?? '');
    else {
      await mkdir(out, { recursive: true });
      for (const file of files) {
        await writeFile(join(out, file.name), file.content);
        io.stderr(`wrote ${join(out, file.name)}\n`);
      }
    }
    if (target !== undefined) {
      const title = `investigation of ${investigation.principal.arn}`;
      const entry = await appendEntry(target.dir, analyst(args), { kind: 'file', title, files });
      io.stderr(describeEntry(target.name, entry));
    }
    return 0;
  },
};
