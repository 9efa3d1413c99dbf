// The containment and recovery plans in Markdown, each step with its reasons, proof and commands, for a
// responder to review before anything runs.

import type { EventRef } from './activity-events.ts';
import type { ContainmentPlan } from './containment-plan.ts';
import { code, section } from './markdown-text.ts';
import type { PlanStep } from './plan-step.ts';
import type { RecoveryItem } from './recovery-plan.ts';

function proof(refs: readonly EventRef[]): string {
  return refs.map((r) => `${r.time} ${r.operation} ${code(r.uid)}`).join('; ');
}

function shell(commands: readonly string[]): string {
  return commands.length === 0 ? '_No command: nothing to do._' : `\`\`\`sh\n${commands.join('\n')}\n\`\`\``;
}

function step(s: PlanStep, index: number): string {
  return [
    `### ${index + 1}. ${s.action}: ${s.target}`,
    '',
    `- **Why:** ${s.why}`,
    `- **Proof:** ${proof(s.evidence) || 'none'}`,
    `- **Will not undo:** ${s.wontUndo}`,
    '',
    shell(s.commands),
  ].join('\n');
}

export function containmentMarkdown(plan: ContainmentPlan): string {
  const deferred = plan.deferred.length
    ? `These delete, so they are not in the plan; run them during eradication, after the evidence is kept:\n\n${plan.deferred.map(step).join('\n\n')}`
    : 'None.';
  return [
    section(
      'Containment plan (review before running)',
      `Generated ${plan.generatedAt}. No step deletes anything.\n\n${plan.steps.map(step).join('\n\n')}`,
    ),
    section('Deleting steps left out of the plan', deferred),
    section('Verify containment', shell(plan.verify)),
  ].join('\n');
}

export function recoveryMarkdown(items: readonly RecoveryItem[]): string {
  if (items.length === 0) return section('Recovery', 'No object was deleted or overwritten.');
  const body = items.map((item, i) =>
    [
      `### ${i + 1}. ${item.action}: s3://${item.bucket}/${item.key}`,
      '',
      `- **Version:** ${item.versionId === null ? 'not recorded' : code(item.versionId)}`,
      `- **Proof:** ${proof([item.proof])}`,
      `- ${item.note}`,
      '',
      shell([...item.commands, `${item.check}   # check`]),
    ].join('\n'),
  );
  return section('Recovery', body.join('\n\n'));
}
