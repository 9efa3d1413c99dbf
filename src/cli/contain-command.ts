// `tarn contain --plan --principal …`: the reviewed containment and recovery plan from an investigation (saved
// with `--out`), and with `--execute` that plan, or exactly the saved one (`--plan-file`), sent through the AWS
// SDK after confirmation (contain-execution.ts).

import { readFile, writeFile } from 'node:fs/promises';
import {
  containmentMarkdown,
  headingText,
  parsePlan,
  planJson,
  type ReviewedPlan,
  recoveryMarkdown,
} from '../respond/report/index.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, chosenFormat, type ParsedArgs, stringOption } from './command.ts';
import { EXECUTE_OPTIONS, EXECUTE_USAGE, executeContainment, executionCase } from './contain-execution.ts';
import { investigatePrincipal, PRINCIPAL_OPTIONS, PRINCIPAL_USAGE } from './investigate-command.ts';

const FORMATS = ['md', 'markdown', 'json'] as const;

export const containCommand: Command = {
  name: 'contain',
  summary: 'the containment and recovery plan for a principal; --execute sends it through the AWS SDK',
  usage: `Usage: tarn contain --plan --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format md|json]
                    [--out plan.json]
       tarn contain --execute (--plan-file plan.json | --principal NAME_OR_ARN) --case NAME
                    [--include-recovery] [--continue-on-error]
                    [--no-verify] [--yes] [--dry-run] [--endpoint-url URL] [--profile P] [--region R]
                    [--profile-for ACCOUNT=PROFILE ...]

  --plan         print the plan (the default); nothing is changed in AWS
  --out FILE     also save the plan (as --format json prints it) for --execute --plan-file FILE
${EXECUTE_USAGE}
${PRINCIPAL_USAGE}
  --format F     md (default; markdown is the same) or json (snake_case keys)`,
  options: {
    ...PRINCIPAL_OPTIONS,
    ...EXECUTE_OPTIONS,
    plan: { type: 'boolean', default: true },
    format: { type: 'string', default: 'md' },
    out: { type: 'string' },
  },
  async run(args, io) {
    const execute = args.values.execute === true || args.values['dry-run'] === true;
    if (execute) {
      // The case is checked before the analysis, which can take a while on a large lake.
      await executionCase(args);
      return executeContainment(args, io, await executionPlan(args, io));
    }
    if (stringOption(args, 'plan-file') !== undefined) throw new TarnError('--plan-file is for --execute', 2);
    const format = chosenFormat(args, FORMATS);
    const out = stringOption(args, 'out');
    const plan = (await investigatePrincipal(args, io)).investigation;
    if (out !== undefined) {
      await writeFile(out, planJson(plan));
      io.stderr(`wrote ${out}: run exactly this plan with tarn contain --execute --plan-file ${out} --case NAME\n`);
    }
    if (format === 'json') {
      io.stdout(planJson(plan));
    } else {
      const { principal, containment, recovery } = plan;
      io.stdout(
        `# Containment and recovery: ${headingText(principal.name)}\n\n${containmentMarkdown(containment)}\n${recoveryMarkdown(recovery)}`,
      );
    }
    return 0;
  },
};

/** The saved plan when --plan-file names one, else the plan of a new investigation. */
async function executionPlan(args: ParsedArgs, io: Parameters<Command['run']>[1]): Promise<ReviewedPlan> {
  const file = stringOption(args, 'plan-file');
  if (file === undefined) return (await investigatePrincipal(args, io)).investigation;
  const given = ['principal', 'from', 'to'].filter((name) => args.values[name] !== undefined);
  if (given.length > 0) {
    throw new TarnError(`--plan-file runs the saved plan as it is: drop --${given.join(', --')}`, 2);
  }
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new TarnError(
      `cannot read --plan-file ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
      2,
    );
  });
  const plan = parsePlan(text, file);
  if ('problem' in plan) throw new TarnError(plan.problem, 2);
  return plan;
}
