// The reviewed plan as a file: `contain --plan --out plan.json` writes it (the same JSON `--format json`
// prints) and `contain --execute --plan-file plan.json` runs exactly it, not a plan rebuilt from the lake
// whose times and steps may have moved since it was reviewed.

import { camelCaseKeys, snakeCaseKeys } from '../../json-keys.ts';
import type { ContainmentPlan, RecoveryItem } from '../containment/index.ts';
import type { ResolvedPrincipal } from '../investigation/index.ts';

/** Names what the file is, so that another JSON file given by mistake is refused with a reason. */
export const PLAN_FORMAT = 'tarn-containment-plan/1';

export interface ReviewedPlan {
  readonly principal: Pick<ResolvedPrincipal, 'arn' | 'name' | 'type'>;
  readonly containment: ContainmentPlan;
  readonly recovery: readonly RecoveryItem[];
}

export function planJson(plan: ReviewedPlan): string {
  const { principal, containment, recovery } = plan;
  return `${JSON.stringify({ format: PLAN_FORMAT, ...(snakeCaseKeys({ principal, containment, recovery }) as object) }, null, 2)}\n`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a step or recovery item cannot be run as it stands, or undefined. */
function callsProblem(calls: unknown, where: string): string | undefined {
  if (!Array.isArray(calls)) return `${where} has no calls list`;
  const bad = calls.findIndex(
    (c) =>
      !isObject(c) ||
      !['iam', 's3', 'ec2'].includes(String(c.service)) ||
      typeof c.operation !== 'string' ||
      !isObject(c.params),
  );
  return bad === -1 ? undefined : `${where}, call ${bad + 1}, is not a service, operation and params`;
}

/** The plan in a file's text; `file` names it in the errors, which say what is wrong. */
export function parsePlan(text: string, file: string): ReviewedPlan | { readonly problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problem: `${file} is not JSON: ${(error as Error).message}` };
  }
  if (!isObject(data) || data.format !== PLAN_FORMAT) {
    return { problem: `${file} is not a plan saved by tarn contain --plan --out (no "format": "${PLAN_FORMAT}")` };
  }
  const plan = camelCaseKeys(data) as Record<string, unknown>;
  const principal = plan.principal;
  const containment = plan.containment;
  if (!isObject(principal) || typeof principal.arn !== 'string') return { problem: `${file} names no principal` };
  if (!isObject(containment) || !Array.isArray(containment.steps)) {
    return { problem: `${file} has no containment steps` };
  }
  if (!Array.isArray(plan.recovery)) return { problem: `${file} has no recovery list` };
  const problem = [
    ...containment.steps.map((step, i) => callsProblem(isObject(step) ? step.calls : null, `step ${i + 1}`)),
    ...plan.recovery.map((item, i) => callsProblem(isObject(item) ? item.calls : null, `recovery item ${i + 1}`)),
  ].find((p) => p !== undefined);
  if (problem !== undefined) return { problem: `${file}: ${problem}` };
  return plan as unknown as ReviewedPlan;
}
