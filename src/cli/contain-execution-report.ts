// What `tarn contain --execute` prints when it is done: one line per step with its outcome and, for a step
// that did not end ok, the first reason; then the checks made after the run, one verdict each.

import type { CheckVerdict, StepResult } from '../respond/containment/index.ts';

function stepLine(r: StepResult): string {
  const problem = r.calls.find((c) => c.status !== 'ok' && !(c.status === 'skipped' && c.nothingToSend));
  const why =
    problem?.status === 'failed'
      ? ` (${problem.call.operation}: ${problem.error.code}: ${problem.error.message})`
      : problem?.status === 'skipped'
        ? ` (${problem.reason})`
        : r.reason === undefined
          ? ''
          : ` (${r.reason})`;
  return `${r.step}. ${r.status} ${r.action}: ${r.target}${why}`;
}

const VERDICT = { true: 'holds', false: 'DOES NOT HOLD', null: 'unknown' } as const;

function checkLines(verdicts: readonly CheckVerdict[]): string[] {
  if (verdicts.length === 0) return [];
  return [
    'Checks after the run:',
    ...verdicts.map(
      (v) => `  ${VERDICT[`${v.holds}`]}: step ${v.step} ${v.target}: expected ${v.expected}; found ${v.found}`,
    ),
  ];
}

export function executionReport(results: readonly StepResult[], verdicts: readonly CheckVerdict[], name: string) {
  const lines = [...results.map(stepLine), ...checkLines(verdicts)];
  return `${lines.join('\n')}\nEvery call is in case ${name}: tarn case log ${name}\n`;
}
