// `tarn contain --plan --principal …`: the reviewed containment and recovery plan from an investigation, and
// with `--execute` the same plan sent through the AWS SDK after confirmation (contain-execution.ts).

import { containmentMarkdown, oneLine, recoveryMarkdown, snakeCaseKeys } from '../respond/report/index.ts';
import type { Command } from './command.ts';
import { EXECUTE_OPTIONS, EXECUTE_USAGE, executeContainment } from './contain-execution.ts';
import { chosenFormat, investigatePrincipal, PRINCIPAL_OPTIONS, PRINCIPAL_USAGE } from './investigate-command.ts';

const FORMATS = ['md', 'json'] as const;

export const containCommand: Command = {
  name: 'contain',
  summary: 'the containment and recovery plan for a principal; --execute sends it through the AWS SDK',
  usage: `Usage: tarn contain --plan --principal NAME_OR_ARN [--from TS] [--to TS] [--lake DIR] [--format md|json]
       tarn contain --execute --principal NAME_OR_ARN --case NAME [--include-recovery] [--continue-on-error]
                    [--no-verify] [--yes] [--dry-run] [--endpoint-url URL] [--profile P] [--region R]
                    [--profile-for ACCOUNT=PROFILE ...]

  --plan         print the plan (the default); nothing is changed in AWS
${EXECUTE_USAGE}
${PRINCIPAL_USAGE}
  --format F     md (default) or json`,
  options: {
    ...PRINCIPAL_OPTIONS,
    ...EXECUTE_OPTIONS,
    plan: { type: 'boolean', default: true },
    format: { type: 'string', default: 'md' },
  },
  async run(args, io) {
    const execute = args.values.execute === true || args.values['dry-run'] === true;
    const format = execute ? 'md' : chosenFormat(args, FORMATS);
    const found = await investigatePrincipal(args, io);
    if (execute) return executeContainment(args, io, found);
    const { principal, containment, recovery } = found.investigation;
    if (format === 'json') {
      io.stdout(`${JSON.stringify(snakeCaseKeys({ principal, containment, recovery }), null, 2)}\n`);
    } else {
      io.stdout(
        `# Containment and recovery: ${oneLine(principal.name)}\n\n${containmentMarkdown(containment)}\n${recoveryMarkdown(recovery)}`,
      );
    }
    return 0;
  },
};
