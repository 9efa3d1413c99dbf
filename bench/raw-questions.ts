// The responder's questions asked of the raw delivery files, as DuckDB SQL over the `.json.gz` and as a jq
// pipeline, each with the filter Tarn's answer applies, field by field as the mapping reads it:
// `actor.user.name` is `userIdentity.userName`, else `additionalEventData.UserName`; `api.operation`
// `eventName`; `api.service.name` `eventSource`; `api.response.error` `errorCode`; a record's table is its
// `eventCategory` (Management, or S3 and Lambda Data events; records older than `eventCategory` say
// `managementEvent`); a finding's `time_dt` is `UpdatedAt`, else `CreatedAt`. A region's table holds that
// region's partitions, the rollup region's every region's. Each answer is a count of rows (or, for a DISTINCT,
// of values), which `bench:respond` checks against Tarn's.

export type RawInput = 'cloudtrail' | 'findings';

export interface RawQuestion {
  readonly name: string;
  readonly input: RawInput;
  /** A DuckDB predicate over `r`, one record (a CloudTrail event or an ASFF finding) as JSON. */
  readonly sql: string;
  /** The same predicate in jq, over one record. */
  readonly jq: string;
  /** For a SELECT DISTINCT: the field whose distinct values are the answer (DuckDB path, jq path). */
  readonly distinct?: { readonly sql: string; readonly jq: string };
}

export interface QuestionPlace {
  /** The lake's rollup region, whose tables cover every region. */
  readonly rollupRegion: string;
  /** The account the reference queries fill in. */
  readonly account: string;
}

/** The region of the reference queries' tables. */
const REGION = 'us-west-2';
const PRINCIPAL = 'service_backup';
const IAM_WINDOW = ['2024-03-01T00:00:00Z', '2024-05-31T23:59:00Z'] as const;
const MACIE_WINDOW = ['2024-03-10T00:00:00Z', '2024-03-14T23:59:00Z'] as const;

/** A value written into SQL and a jq program (itself inside single quotes in a shell command). */
function checked(value: string): string {
  if (!/^[\w+=,.@:/-]+$/.test(value)) throw new Error(`refusing ${JSON.stringify(value)} in a raw question`);
  return value;
}
const sql = (value: string) => `'${checked(value)}'`;
const jqs = (value: string) => JSON.stringify(checked(value));

interface Both {
  readonly sql: string;
  readonly jq: string;
}
const and = (...terms: Both[]): Both => ({
  sql: terms.map((t) => `(${t.sql})`).join(' AND '),
  jq: terms.map((t) => `(${t.jq})`).join(' and '),
});
const or = (...terms: Both[]): Both => ({
  sql: terms.map((t) => `(${t.sql})`).join(' OR '),
  jq: terms.map((t) => `(${t.jq})`).join(' or '),
});
const TRUE: Both = { sql: 'TRUE', jq: 'true' };

// Parenthesised: DuckDB binds `->>` more loosely than `=` and AND.
const text = (path: string) => ({ sql: `(r->>'$.${path}')`, jq: `.${path}` });
const equals = (path: string, value: string): Both => ({
  sql: `${text(path).sql} = ${sql(value)}`,
  jq: `${text(path).jq} == ${jqs(value)}`,
});
const oneOf = (path: string, values: readonly string[]): Both => or(...values.map((v) => equals(path, v)));
const lowerEquals = (paths: readonly string[], value: string): Both => ({
  sql: `lower(coalesce(${paths.map((p) => text(p).sql).join(', ')})) = ${sql(value)}`,
  jq: `((${paths.map((p) => text(p).jq).join(' // ')} // "") | tostring | ascii_downcase) == ${jqs(value)}`,
});
const firstEquals = (paths: readonly string[], value: string): Both => ({
  sql: `coalesce(${paths.map((p) => text(p).sql).join(', ')}) = ${sql(value)}`,
  jq: `(${paths.map((p) => text(p).jq).join(' // ')}) == ${jqs(value)}`,
});
const absent = (path: string): Both => ({ sql: `${text(path).sql} IS NULL`, jq: `${text(path).jq} == null` });

/** ISO-8601 UTC times (with or without fractions) between two bounds, inclusive, compared as instants. */
function timeBetween(paths: readonly string[], [from, to]: readonly [string, string]): Both {
  const value = paths.map((p) => text(p).sql).join(', ');
  // jq's fromdateiso8601 takes whole seconds only: the fraction is added back so a bound is exact.
  const seconds = `((${paths.map((p) => text(p).jq).join(' // ')}) | ((.[0:19] + "Z" | fromdateiso8601) + ((capture("^.{19}(?<f>[.][0-9]+)").f | tonumber) // 0)))`;
  return {
    sql: `CAST(coalesce(${value}) AS TIMESTAMPTZ) BETWEEN TIMESTAMPTZ ${sql(from)} AND TIMESTAMPTZ ${sql(to)}`,
    jq: `${seconds} as $t | $t >= (${jqs(from)} | fromdateiso8601) and $t <= (${jqs(to)} | fromdateiso8601)`,
  };
}

const categoryAbsent = and(absent('eventCategory'), {
  sql: `coalesce(${text('eventType').sql}, '') <> 'AwsCloudTrailInsight'`,
  jq: `.eventType != "AwsCloudTrailInsight"`,
});
const managementFlagFalse: Both = {
  sql: `${text('managementEvent').sql} = 'false'`,
  jq: `.managementEvent == false or .managementEvent == "false"`,
};
const MANAGEMENT = or(
  equals('eventCategory', 'Management'),
  and(categoryAbsent, {
    sql: `NOT coalesce(${managementFlagFalse.sql}, FALSE)`,
    jq: `(${managementFlagFalse.jq}) | not`,
  }),
);
const dataOf = (eventSource: string) =>
  and(
    or(equals('eventCategory', 'Data'), and(categoryAbsent, managementFlagFalse)),
    equals('eventSource', eventSource),
  );
/** The three CloudTrail tables together: what investigate, contain and timeline read. */
const ACTIVITY = or(MANAGEMENT, dataOf('s3.amazonaws.com'), dataOf('lambda.amazonaws.com'));

const USER_NAME = lowerEquals(['userIdentity.userName', 'additionalEventData.UserName'], PRINCIPAL);
const IAM_CHANGE = and(
  {
    sql: ['create', 'attach', 'delete'].map((verb) => `lower(${text('eventName').sql}) LIKE '${verb}%'`).join(' OR '),
    jq: `(.eventName // "" | ascii_downcase | test("^(create|attach|delete)"))`,
  },
  lowerEquals(['eventSource'], 'iam.amazonaws.com'),
  timeBetween(['eventTime'], IAM_WINDOW),
);

/** Q1–Q6 of the reference incident (src/scenario/reference-queries.ts), in order. */
export function referenceQuestions(place: QuestionPlace): RawQuestion[] {
  const trailRegion = place.rollupRegion === REGION ? TRUE : equals('awsRegion', REGION);
  const management = and(MANAGEMENT, trailRegion);
  const findingRegion = place.rollupRegion === REGION ? TRUE : firstEquals(['Region', 'Resources[0].Region'], REGION);
  const trail = (name: string, where: Both, distinct?: RawQuestion['distinct']): RawQuestion => ({
    name,
    input: 'cloudtrail',
    ...where,
    ...(distinct ? { distinct } : {}),
  });
  return [
    trail('Q1', and(management, USER_NAME), { sql: text('eventName').sql, jq: '.eventName' }),
    trail('Q2', and(management, USER_NAME)),
    trail('Q3', and(management, IAM_CHANGE, USER_NAME)),
    trail('Q4', and(dataOf('s3.amazonaws.com'), trailRegion, USER_NAME)),
    {
      name: 'Q5',
      input: 'findings',
      ...and(
        findingRegion,
        equals('AwsAccountId', place.account),
        lowerEquals(['ProductName'], 'macie'),
        timeBetween(['UpdatedAt', 'CreatedAt'], MACIE_WINDOW),
      ),
    },
    trail('Q6', and(management, IAM_CHANGE)),
  ];
}

/** The principal's own events, as investigate resolved it: a user by its ARN, a role by its sessions' issuer. */
export function principalQuestion(principal: { readonly arn: string; readonly type: string }): RawQuestion {
  const who =
    principal.type === 'Role'
      ? equals('userIdentity.sessionContext.sessionIssuer.arn', principal.arn)
      : equals('userIdentity.arn', principal.arn);
  return { name: 'principal events', input: 'cloudtrail', ...and(ACTIVITY, who) };
}

/** The built-in rules that select single events with no grouping: their hits are events, one each. */
export const SINGLE_EVENT_RULES = [
  'cloudtrail-logging-stopped',
  'guardduty-detector-deleted',
  'iam-user-creates-user',
  'login-profile-created',
  'organization-left',
  'role-created',
] as const;

/** The events those rules fire on, each rule's WHERE as it is written (their operations do not overlap). */
export function detectQuestion(): RawQuestion {
  const service = (s: string) => equals('eventSource', s);
  const where = and(
    MANAGEMENT,
    absent('errorCode'),
    or(
      and(oneOf('eventName', ['StopLogging', 'DeleteTrail']), service('cloudtrail.amazonaws.com')),
      and(equals('eventName', 'DeleteDetector'), service('guardduty.amazonaws.com')),
      and(equals('eventName', 'CreateUser'), equals('userIdentity.type', 'IAMUser')),
      oneOf('eventName', ['CreateLoginProfile', 'UpdateLoginProfile']),
      and(service('organizations.amazonaws.com'), equals('eventName', 'LeaveOrganization')),
      equals('eventName', 'CreateRole'),
    ),
  );
  return { name: 'detect (single-event rules)', input: 'cloudtrail', ...where };
}
