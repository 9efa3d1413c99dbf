// `tarn contain --plan --principal …`: the reviewed containment and recovery plan from an investigation.
// Running it against AWS (`--execute`) is not part of this version.

import { containmentMarkdown, recoveryMarkdown } from '../respond/plan-report.ts';
import { TarnError } from '../tarn-error.ts';
import type { Command } from './command.ts';
import { chosenFormat, investigatePrincipal, PRINCIPAL_OPTIONS, PRINCIPAL_USAGE } from './investigate-command.ts';

const FORMATS = ['md', 'json'] as const;

export const containCommand: Command = {
  name: 'contain',
  summary: 'print the containment and recovery plan for a principal (AWS CLI commands to review)',
  usage: `Usage: tarn contain --plan --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format md|json]

  --plan         print the plan (the default); nothing is changed in AWS
  --execute      not implemented in this version
${PRINCIPAL_USAGE}
  --format F     md (default) or json`,
  options: {
    ...PRINCIPAL_OPTIONS,
    plan: { type: 'boolean', default: true },
    execute: { type: 'boolean', default: false },
    format: { type: 'string', default: 'md' },
  },
  async run(args, io) {
    if (args.values.execute === true) {
      throw new TarnError(
        '--execute is not implemented in this version: run the reviewed commands of --plan yourself',
        2,
      );
    }
    const format = chosenFormat(args, FORMATS);
    const { investigation } = await investigatePrincipal(args);
    const { principal, containment, recovery } = investigation;
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ principal, containment, recovery }, null, 2)}\n`);
    } else {
      io.stdout(
        `# Containment and recovery: ${principal.name}\n\n${containmentMarkdown(containment)}\n${recoveryMarkdown(recovery)}`,
      );
    }
    return 0;
  },
};
