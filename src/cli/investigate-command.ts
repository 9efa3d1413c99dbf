// `tarn investigate --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format md|json|html]`:
// everything the lake says about one principal, with the containment and recovery plans it leads to.
// The options and the run are shared with `tarn contain` and `tarn timeline`.

import { openQueryEngine } from '../query/index.ts';
import { parseWindowTime, type TimeWindow } from '../respond/investigation/index.ts';
import {
  type InvestigationResult,
  investigate,
  investigationHtml,
  investigationJson,
  investigationMarkdown,
} from '../respond/report/index.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, existingLake, LAKE_OPTION, type OptionSpec, type ParsedArgs, stringOption } from './command.ts';

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

export async function investigatePrincipal(args: ParsedArgs): Promise<InvestigationResult> {
  const principal = stringOption(args, 'principal');
  if (principal === undefined || principal === '') throw new TarnError('give --principal NAME_OR_ARN', 2);
  const window = windowOptions(args);
  const engine = await openQueryEngine({ lakeDir: existingLake(args) });
  try {
    return await investigate(engine, { principal, window, now: new Date() });
  } finally {
    await engine.close();
  }
}

const FORMATS = ['md', 'json', 'html'] as const;

export const investigateCommand: Command = {
  name: 'investigate',
  summary: 'what a principal did, created and touched, its findings, and the containment and recovery plans',
  usage: `Usage: tarn investigate --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format md|json|html]

${PRINCIPAL_USAGE}
  --format F     md (default), json (the data), or html (one self-contained page)`,
  options: { ...PRINCIPAL_OPTIONS, format: { type: 'string', default: 'md' } },
  async run(args, io) {
    const format = chosenFormat(args, FORMATS);
    const { investigation } = await investigatePrincipal(args);
    const render = {
      md: investigationMarkdown,
      json: investigationJson,
      html: investigationHtml,
    }[format];
    io.stdout(render(investigation));
    return 0;
  },
};
