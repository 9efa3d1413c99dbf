// `tarn rules list|test [--rules DIR] [--rule ID]`: the rule pack as a table with its ATT&CK techniques, or
// every rule's inline tests run through a real ingest and evaluation. A failed test makes the exit code 1.

import { loadRules } from '../detect/detection-rules.ts';
import { runRuleTests } from '../detect/rule-tests.ts';
import { renderTextTable } from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, stringOption } from './command.ts';

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list the detection rules, or run their inline tests',
  usage: `Usage: tarn rules list|test [--rules DIR] [--rule ID]

  list           every rule: id, severity, ATT&CK tactics and techniques, enabled, file
  test           run each rule's inline tests: its raw events ingested into a fresh lake, the rule evaluated
  --rules DIR    YAML rules beside the built-in pack (a rule with a built-in's id replaces it)
  --rule ID      only this rule`,
  options: { rules: { type: 'string' }, rule: { type: 'string' } },
  async run(args, io) {
    const [action] = args.positionals;
    if (action !== 'list' && action !== 'test') throw new TarnError('give "list" or "test"', 2);
    const only = stringOption(args, 'rule');
    const rules = loadRules(stringOption(args, 'rules')).filter((rule) => only === undefined || rule.id === only);
    if (only !== undefined && rules.length === 0) throw new TarnError(`no rule with id "${only}"`, 2);
    if (action === 'list') {
      const header = ['id', 'severity', 'tactics', 'techniques', 'tests', 'enabled'];
      const rows = rules.map((r) => [
        r.id,
        r.severity,
        r.tactics.join(' '),
        r.techniques.map((t) => t.id).join(' '),
        String(r.tests.length),
        r.enabled ? 'yes' : 'no',
      ]);
      io.stdout(`${renderTextTable(header, rows)}\n(${rules.length} rules)\n`);
      return 0;
    }
    const results = await runRuleTests(rules);
    const rows = results.map((r) => [r.passed ? 'pass' : 'FAIL', r.rule, r.test, r.detail]);
    io.stdout(`${renderTextTable(['result', 'rule', 'test', 'detail'], rows)}\n`);
    const failed = results.filter((r) => !r.passed).length;
    io.stdout(`${results.length - failed} passed, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
  },
};
