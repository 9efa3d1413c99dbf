// `tarn investigate --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format md|json|html]`:
// everything the lake says about one principal, with the containment and recovery plans it leads to; or,
// with `--ip ADDRESS`, every principal and flow that used an address. With `--case NAME` the report is added to
// that case as evidence too.
// The options and the run are shared with `tarn contain` and `tarn timeline`.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openQueryEngine, type QueryEngine } from '../query/index.ts';
import { appendEntry } from '../respond/cases/index.ts';
import {
  addressHtml,
  addressJson,
  addressMarkdown,
  type InvestigationResult,
  investigate,
  investigateAddress,
  investigationHtml,
  investigationJson,
  investigationMarkdown,
} from '../respond/report/index.ts';
import { TarnError } from '../tarn-error.ts';
import { analyst, caseCommand, describeEntry, existingCase } from './case-command.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, existingLake, LAKE_OPTION, type OptionSpec, type ParsedArgs, stringOption } from './command.ts';
import { withTicker } from './progress-line.ts';
import { WINDOW_OPTIONS, WINDOW_USAGE, windowOptions } from './time-options.ts';

export const PRINCIPAL_OPTIONS: OptionSpec = {
  ...LAKE_OPTION,
  principal: { type: 'string' },
  ...WINDOW_OPTIONS,
};

export const PRINCIPAL_USAGE = `  --principal P  a user name, user or role ARN, assumed-role ARN, principal id or access key id
${WINDOW_USAGE}
  --lake DIR     the lake (default ./lake or $TARN_LAKE); its rollup region's tables are read`;

/** Runs the investigation, showing on a terminal its phase, what it has read and the time taken. */
export async function investigatePrincipal(args: ParsedArgs, io: CliIO): Promise<InvestigationResult> {
  const principal = stringOption(args, 'principal');
  if (principal === undefined || principal === '') throw new TarnError('give --principal NAME_OR_ARN', 2);
  const now = new Date();
  const window = windowOptions(args, now);
  return withProgress(args, io, (engine, onPhase) => investigate(engine, { principal, window, now, onPhase }));
}

/** Opens the lake and runs `work`, drawing its phase and the time taken on a terminal. */
function withProgress<T>(
  args: ParsedArgs,
  io: CliIO,
  work: (engine: QueryEngine, onPhase: (text: string) => void) => Promise<T>,
): Promise<T> {
  return withTicker(io, 'opening the lake', async (onPhase) => {
    const engine = await openQueryEngine({ lakeDir: existingLake(args) });
    try {
      return await work(engine, onPhase);
    } finally {
      await engine.close();
    }
  });
}

const FORMATS = ['md', 'json', 'html'] as const;

const RENDER = { md: investigationMarkdown, json: investigationJson, html: investigationHtml } as const;
const ADDRESS_RENDER = { md: addressMarkdown, json: addressJson, html: addressHtml } as const;

/** The report's renderings, by format: an address's with `--ip`, a principal's otherwise. */
async function reportRenderings(args: ParsedArgs, io: CliIO): Promise<Renderings> {
  const ip = stringOption(args, 'ip');
  if (ip === undefined) {
    const { investigation } = await investigatePrincipal(args, io);
    return {
      title: `investigation of ${investigation.principal.arn}`,
      render: {
        md: () => RENDER.md(investigation),
        json: () => RENDER.json(investigation),
        html: () => RENDER.html(investigation),
      },
    };
  }
  if (ip === '' || stringOption(args, 'principal') !== undefined)
    throw new TarnError('give either --principal or --ip ADDRESS', 2);
  const now = new Date();
  const window = windowOptions(args, now);
  const found = await withProgress(args, io, (engine, onPhase) => {
    onPhase(`reading who and what used ${ip}`);
    return investigateAddress(engine, { address: ip, window, now });
  });
  return {
    title: `investigation of the address ${ip}`,
    render: {
      md: () => ADDRESS_RENDER.md(found),
      json: () => ADDRESS_RENDER.json(found),
      html: () => ADDRESS_RENDER.html(found),
    },
  };
}

interface Renderings {
  /** The case entry's title with `--case`. */
  readonly title: string;
  readonly render: Readonly<Record<Format, () => string>>;
}

type Format = (typeof FORMATS)[number];

/** `md`, or several as `md,html,json`: each is checked before any work starts. */
function reportFormats(args: ParsedArgs): (typeof FORMATS)[number][] {
  // `markdown` as `tarn query --format` spells it, so one word works with every command.
  const formats = [
    ...new Set(
      (stringOption(args, 'format') ?? 'md').split(',').map((f) => (f.trim() === 'markdown' ? 'md' : f.trim())),
    ),
  ];
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0)
    throw new TarnError(`--format must be one or more of ${FORMATS.join(', ')} (comma-separated)`, 2);
  return formats as (typeof FORMATS)[number][];
}

export const investigateCommand: Command = {
  name: 'investigate',
  summary: 'what a principal did, created and touched, its findings, and the containment and recovery plans',
  usage: `Usage: tarn investigate --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format md|json|html] [--out DIR]
       tarn investigate --ip ADDRESS [--from TS] [--to TS] [--lake DIR] [--format md|json|html] [--out DIR]
                        [--case NAME [--cases DIR] [--analyst NAME]]

${PRINCIPAL_USAGE}
  --ip ADDRESS   instead of a principal: every principal (CloudTrail, EKS audit) and VPC flow that used the
                 address, compared as written (AWS Internal and zero-padded addresses can be asked too)
  --format F     md (default; markdown is the same), json (the data), or html (one self-contained page);
                 several as md,html,json
  --out DIR      write investigation.<format> for each format into DIR instead of printing (needed for several)
  --case NAME    also add the report, in each format asked for, to this case as one evidence entry
  --cases DIR    where cases live (default ./cases or $TARN_CASES)
  --analyst NAME who adds the report to the case (default $TARN_ANALYST, else the OS user)`,
  options: {
    ...PRINCIPAL_OPTIONS,
    ip: { type: 'string' },
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
    const report = await reportRenderings(args, io);
    const files = formats.map((format) => ({ name: `investigation.${format}`, content: report.render[format]() }));
    if (out === undefined) io.stdout(files[0]?.content ?? '');
    else {
      await mkdir(out, { recursive: true });
      for (const file of files) {
        await writeFile(join(out, file.name), file.content);
        io.stderr(`wrote ${join(out, file.name)}\n`);
      }
    }
    if (target !== undefined) {
      const entry = await appendEntry(target.dir, analyst(args), { kind: 'file', title: report.title, files });
      io.stderr(describeEntry(target.name, entry));
    }
    return 0;
  },
};
