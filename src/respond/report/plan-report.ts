// The containment and recovery plans as report sections, each step with its reasons, proof and commands,
// for a responder to review before anything runs; in Markdown for `tarn contain --plan`.

import type { ContainmentPlan, PlanStep, RecoveryItem } from '../containment/index.ts';
import { type EventRef, NO_EVENT_ID } from '../investigation/index.ts';
import {
  type Block,
  commandsOr,
  type Inline,
  item,
  type ListItem,
  labelled,
  paragraph,
  type ReportSection,
} from './report-document.ts';
import { sectionsMarkdown } from './report-markdown.ts';

const NO_COMMAND = 'No command: nothing to do.';

function proof(refs: readonly EventRef[]): Inline[] {
  if (refs.length === 0) return ['none'];
  return refs.flatMap((r, i) => [
    ...(i === 0 ? [] : ['; ']),
    `${r.time} ${r.operation} `,
    r.uid === null ? `(event id ${NO_EVENT_ID})` : { code: r.uid },
  ]);
}

/** A step in another account than the investigated one names it: its commands need that account's credentials. */
function runsIn(s: PlanStep): ListItem[] {
  if (s.account === undefined) return [];
  return [
    labelled(
      'Runs in account',
      `${s.account}, not the investigated account: run its commands with that account's credentials (`,
      { code: `contain --execute --profile-for ${s.account}=PROFILE` },
      ')',
    ),
  ];
}

function step(s: PlanStep, index: number): Block[] {
  return [
    { type: 'heading', text: `${index + 1}. ${s.action}: ${s.target}` },
    {
      type: 'list',
      items: [
        ...runsIn(s),
        labelled('Why', s.why),
        labelled('Proof', ...proof(s.evidence)),
        labelled('Will not undo', s.wontUndo),
      ],
    },
    commandsOr(s.commands, NO_COMMAND),
  ];
}

export function containmentSections(plan: ContainmentPlan): ReportSection[] {
  const deferred = plan.deferred.length
    ? [
        paragraph(
          'These delete, so they are not in the plan; run them during eradication, after the evidence is kept:',
        ),
        ...plan.deferred.flatMap(step),
      ]
    : [paragraph('None.')];
  return [
    {
      id: 'containment',
      title: 'Containment plan (review before running)',
      blocks: [
        paragraph(
          `Generated ${plan.generatedAt}. No step deletes anything.${plan.account === null ? '' : ` Steps run in the investigated account, ${plan.account}, unless they name another.`}`,
        ),
        ...(plan.steps.length ? plan.steps.flatMap(step) : [paragraph('No step: nothing to contain.')]),
      ],
    },
    { id: 'deferred', title: 'Deleting steps left out of the plan', blocks: deferred },
    { id: 'verify', title: 'Verify containment', blocks: [commandsOr(plan.verify, NO_COMMAND)] },
  ];
}

export function recoverySection(items: readonly RecoveryItem[]): ReportSection {
  const blocks = items.flatMap((r, i): Block[] => [
    { type: 'heading', text: `${i + 1}. ${r.action}: s3://${r.bucket}/${r.key}` },
    {
      type: 'list',
      items: [
        labelled('Version', r.versionId === null ? 'not recorded' : { code: r.versionId }),
        labelled('Proof', ...proof([r.proof])),
        item([r.note]),
      ],
    },
    commandsOr([...r.commands, `${r.check}   # check`], NO_COMMAND),
  ]);
  return {
    id: 'recovery',
    title: 'Recovery',
    blocks: blocks.length ? blocks : [paragraph('No object was deleted or overwritten.')],
  };
}

export function containmentMarkdown(plan: ContainmentPlan): string {
  return sectionsMarkdown(containmentSections(plan));
}

export function recoveryMarkdown(items: readonly RecoveryItem[]): string {
  return sectionsMarkdown([recoverySection(items)]);
}
