// A Tarn detection: an Athena SQL query over the lake's OCSF tables plus what a responder needs to read
// its hits. Every rule's query returns the same hit columns, so one runner turns any rule's rows into
// findings: `time` (epoch ms of the last proving event), `principal` (the actor's ARN), `principal_name`,
// `account_id`, `resources` and `event_uids` (arrays of text) and `detail`.

export type Severity = 'Low' | 'Medium' | 'High' | 'Critical';

export interface AttackTechnique {
  readonly id: string;
  readonly name: string;
}

/** Where a rule's query reads from: the rollup region's tables, and a `time` bound for the window. */
export interface RuleContext {
  readonly cloudTrail: string;
  readonly s3Data: string;
  /** A predicate on `time`, such as `time BETWEEN 0 AND 1710100000000`. */
  readonly range: string;
}

export interface DetectionRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly techniques: readonly AttackTechnique[];
  readonly description: string;
  readonly sql: (context: RuleContext) => string;
}

export const HIT_COLUMNS = ['time', 'principal', 'principal_name', 'account_id', 'resources', 'event_uids', 'detail'];

/** The actor as every rule names it: a role session by its role's name, a user by its user name. */
export const PRINCIPAL_NAME = `coalesce(actor.user.name, regexp_extract(actor.session.issuer, '[^/]+$'), actor.user.uid)`;

/** A text field of the call's request parameters, which Security Lake keeps as JSON text. */
export function requestField(name: string): string {
  return `json_extract_scalar(api.request.data, '$.${name}')`;
}
