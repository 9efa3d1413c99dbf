// `tarn rules list|test [--rules DIR] [--rule ID]`: the rule pack as a table with its ATT&CK techniques, or
// every rule's inline tests run through a real ingest and evaluation. A failed test makes the exit code 1.

import { loadRules } from '../detect/detection-rules.ts';
import { runRuleTests } from '../detect/rule-tests.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, stringOption } from './command.ts';
import {
  LISTING_OPTIONS,
  listingFormat,
  listingResult,
  listingText,
  listingUsage,
  summaryTable,
} from './listing-output.ts';

const RULE_COLUMNS = [
  ['id', 'varchar'],
  ['severity', 'varchar'],
  ['tactics', 'varchar'],
  ['techniques', 'varchar'],
  ['tests', 'bigint'],
  ['enabled', 'varchar'],
] as const;

const TEST_COLUMNS = [
  ['result', 'varchar'],
  ['rule', 'varchar'],
  ['test', 'varchar'],
  ['detail', 'varchar'],
] as const;

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list the detection rules, or run their inline tests',
  usage: `Usage: tarn rules list|test [--rules DIR] [--rule ID] [--format F] [--wide]

  list           every rule: id, severity, ATT&CK tactics and techniques, enabled, file
  test           run each rule's inline tests: its raw events ingested into a fresh lake, the rule evaluated
  --rules DIR    YAML rules beside the built-in pack (a rule with a built-in's id replaces it)
  --rule ID      only this rule
${listingUsage('an array of rules', 'one rule a line')} (list)`,
  options: { rules: { type: 'string' }, rule: { type: 'string' }, ...LISTING_OPTIONS },
  async run(args, io) {
    const [action] = args.positionals;
    const format = listingFormat(args);
    if (action !== 'list' && action !== 'test') throw new TarnError('give "list" or "test"', 2);
    const only = stringOption(args, 'rule');
    const rules = loadRules(stringOption(args, 'rules')).filter((rule) => only === undefined || rule.id === only);
    if (only !== undefined && rules.length === 0) throw new TarnError(`no rule with id "${only}"`, 2);
    if (action === 'list') {
      const rows = rules.map((r) => [
        r.id,
        r.severity,
        r.tactics.join(' '),
        r.techniques.map((t) => t.id).join(' '),
        r.tests.length,
        r.enabled ? 'yes' : 'no',
      ]);
      const json = rules.map((r) => ({
        id: r.id,
        title: r.title,
        severity: r.severity,
        tactics: r.tactics,
        techniques: r.techniques.map((t) => t.id),
        tests: r.tests.length,
        enabled: r.enabled,
      }));
      const listing = {
        result: listingResult(RULE_COLUMNS, rows),
        json,
        lines: json,
        footer: `(${rules.length} rules)\n`,
        title: 'Tarn detection rules',
      };
      io.stdout(listingText(listing, format, args, io));
      return 0;
    }
    const results = await runRuleTests(rules);
    const rows = results.map((r) => [r.passed ? 'pass' : 'FAIL', r.rule, r.test, r.detail]);
    io.stdout(summaryTable(TEST_COLUMNS, rows, args, io));
    const failed = results.filter((r) => !r.passed).length;
    io.stdout(`${results.length - failed} passed, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
  },
};
