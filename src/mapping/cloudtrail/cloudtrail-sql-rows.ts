// The two SELECTs of the SQL mapping probe: `fields` reads each raw record once into typed columns (and the
// table it is routed to, as cloudtrail-routing.ts routes it), `rows` builds the OCSF columns from them.
// A struct is NULL when none of its fields is set, as nonEmpty() leaves it out of a JavaScript row.

const DATA_ROUTE = `CASE WHEN json_type(r, '$.eventSource') = 'VARCHAR' THEN
    CASE json_extract_string(r, '$.eventSource')
      WHEN 's3.amazonaws.com' THEN 's3_data' WHEN 'lambda.amazonaws.com' THEN 'lambda_execution' END END`;

const ROUTE = `CASE
  WHEN json_type(r, '$.eventCategory') = 'VARCHAR' THEN CASE json_extract_string(r, '$.eventCategory')
    WHEN 'Management' THEN 'cloud_trail_mgmt' WHEN 'Data' THEN ${DATA_ROUTE} END
  WHEN coalesce(json_type(r, '$.eventCategory'), 'NULL') <> 'NULL' THEN NULL
  WHEN json_type(r, '$.eventType') = 'VARCHAR' AND json_extract_string(r, '$.eventType') = 'AwsCloudTrailInsight' THEN NULL
  WHEN json_extract(r, '$.managementEvent') IN ('false', '"false"') THEN ${DATA_ROUTE}
  ELSE 'cloud_trail_mgmt' END`;

const TIME_MS = `CASE
  WHEN coalesce(json_type(r, '$.eventTime'), 'NULL') <> 'NULL' THEN
    CASE WHEN json_type(r, '$.eventTime') = 'VARCHAR' THEN ct_time_ms(json_extract_string(r, '$.eventTime')) END
  WHEN json_type(r, '$."@timestamp"') = 'VARCHAR' THEN ct_time_ms(json_extract_string(r, '$."@timestamp"')) END`;

const FIELD_COLUMNS = `${ROUTE} AS route, ${TIME_MS} AS time_ms,
    nullif(ct_text(r, '$.awsRegion'), '') AS region,
    coalesce(nullif(ct_text(r, '$.recipientAccountId'), ''), nullif(ct_text(r, '$.userIdentity.accountId'), '')) AS account_id,
    nullif(ct_text(r, '$.eventName'), '') AS event_name,
    ct_text(r, '$.eventVersion') AS event_version, ct_text(r, '$.eventCategory') AS event_category,
    ct_text(r, '$.eventType') AS event_type, ct_text(r, '$.eventID') AS event_id,
    ct_text(r, '$.apiVersion') AS api_version, ct_text(r, '$.eventSource') AS event_source,
    ct_text(r, '$.requestID') AS request_id, json_type(r, '$.eventID') IS NULL AS no_event_id,
    ct_json(r, '$.requestParameters') AS request_data, ct_text(r, '$.errorCode') AS error_code,
    ct_text(r, '$.errorMessage') AS error_message, ct_json(r, '$.responseElements') AS response_data,
    ct_text(r, '$.responseElements.ConsoleLogin') AS console_login,
    ct_text(r, '$.userIdentity.type') AS user_type,
    coalesce(ct_text(r, '$.userIdentity.userName'), ct_text(r, '$.additionalEventData.UserName')) AS user_name,
    ct_text(r, '$.userIdentity.arn') AS user_uid,
    coalesce(ct_text(r, '$.userIdentity.principalId'), ct_text(r, '$.userIdentity.onBehalfOf.userId')) AS user_uid_alt,
    ct_text(r, '$.userIdentity.accountId') AS user_account,
    coalesce(ct_text(r, '$.userIdentity.accessKeyId'), ct_text(r, '$.userIdentity.credentialId')) AS user_credential,
    json_type(r, '$.userIdentity.sessionContext') = 'OBJECT' AS has_session,
    CASE WHEN json_type(r, '$.userIdentity.sessionContext.attributes.creationDate') = 'VARCHAR'
      THEN ct_iso(ct_time_ms(json_extract_string(r, '$.userIdentity.sessionContext.attributes.creationDate'))) END AS session_created,
    ct_flag(r, '$.userIdentity.sessionContext.attributes.mfaAuthenticated') AS session_mfa,
    ct_text(r, '$.userIdentity.sessionContext.sessionIssuer.arn') AS session_issuer,
    ct_text(r, '$.userIdentity.invokedBy') AS invoked_by,
    coalesce(ct_text(r, '$.userIdentity.identityProvider'),
      ct_text(r, '$.userIdentity.sessionContext.webIdFederationData.federatedProvider'),
      ct_text(r, '$.userIdentity.webIdFederationData.federatedProvider')) AS idp,
    ct_text(r, '$.userAgent') AS user_agent, ct_text(r, '$.vpcEndpointId') AS vpc_endpoint,
    ct_text(r, '$.sourceIPAddress') AS source_ip,
    CASE WHEN json_type(r, '$.resources') = 'ARRAY' THEN CAST(json_extract(r, '$.resources[*]') AS JSON[]) END AS raw_resources`;

/** `CASE WHEN any field is set THEN struct END`, the fields given as [name, SQL expression]. */
function struct(entries: readonly (readonly [string, string])[]): string {
  const anySet = entries.map(([, sql]) => `(${sql}) IS NOT NULL`).join(' OR ');
  return `CASE WHEN ${anySet} THEN struct_pack(${entries.map(([name, sql]) => `"${name}" := ${sql}`).join(', ')}) END`;
}

const RESOURCE = `CASE WHEN json_type(x) = 'OBJECT' THEN ${struct([
  ['uid', `ct_text(x, '$.ARN')`],
  ['type', `ct_text(x, '$.type')`],
  ['owner', `CASE WHEN ct_text(x, '$.accountId') IS NOT NULL THEN {'account': {'uid': ct_text(x, '$.accountId')}} END`],
])} END`;

const ACTOR = struct([
  [
    'user',
    struct([
      ['type', 'user_type'],
      ['name', 'user_name'],
      ['uid', 'user_uid'],
      ['uid_alt', 'user_uid_alt'],
      ['account', `CASE WHEN user_account IS NOT NULL THEN {'uid': user_account} END`],
      ['credential_uid', 'user_credential'],
    ]),
  ],
  [
    'session',
    `CASE WHEN has_session THEN ${struct([
      ['created_time_dt', 'session_created'],
      ['is_mfa', 'session_mfa'],
      ['issuer', 'session_issuer'],
    ])} END`,
  ],
  ['invoked_by', 'invoked_by'],
  ['idp', `CASE WHEN idp IS NOT NULL THEN {'name': idp} END`],
]);

const SRC_ENDPOINT = struct([
  ['uid', 'vpc_endpoint'],
  ['ip', 'CASE WHEN ct_is_ip(source_ip) THEN source_ip END'],
  ['domain', 'CASE WHEN NOT ct_is_ip(source_ip) THEN source_ip END'],
]);

/** authentication-mapping.ts authenticationUser and account-change-mapping.ts accountChangeUser. */
const AUTHENTICATION_USER = `coalesce(${struct([
  ['uid', `ct_text(coalesce(ct_value(r, '$.requestParameters.roleArn'), ct_value(r, '$.userIdentity.arn')), '$')`],
  ['uid_alt', `ct_text(r, '$.userIdentity.principalId')`],
  ['name', `ct_text(r, '$.requestParameters.roleSessionName')`],
])}, ${struct([['name', `ct_text(r, '$.userIdentity.userName')`]])})`;

const ACCOUNT_CHANGE_USER = `coalesce(${struct([
  [
    'uid',
    `ct_text(coalesce(ct_value(r, '$.responseElements.user.arn'), ct_value(r, '$.responseElements.role.arn')), '$')`,
  ],
  [
    'uid_alt',
    `ct_text(coalesce(ct_value(r, '$.responseElements.user.userId'), ct_value(r, '$.responseElements.role.roleId')), '$')`,
  ],
  [
    'name',
    `ct_text(coalesce(ct_value(r, '$.requestParameters.userName'), ct_value(r, '$.requestParameters.roleName'),
      ct_value(r, '$.responseElements.user.userName'), ct_value(r, '$.responseElements.role.roleName'),
      ct_value(r, '$.responseElements.accessKey.userName')), '$')`,
  ],
])}, ${struct([
  ['uid', `ct_text(r, '$.userIdentity.arn')`],
  ['uid_alt', `ct_text(r, '$.userIdentity.principalId')`],
  ['name', `ct_text(r, '$.userIdentity.userName')`],
])})`;

const USER = `CASE kind.class_uid WHEN 3002 THEN ${AUTHENTICATION_USER} WHEN 3001 THEN ${ACCOUNT_CHANGE_USER} END`;

/** authentication-mapping.ts: is_mfa from MFAUsed Yes/No, dst_endpoint from LoginTo. */
const AUTHENTICATION_COLUMNS = `CASE WHEN kind.class_uid = 3002 THEN CASE json_extract(r, '$.additionalEventData.MFAUsed')
    WHEN '"Yes"' THEN true WHEN '"No"' THEN false END END AS is_mfa,
  CASE WHEN kind.class_uid = 3002 AND ct_text(r, '$.additionalEventData.LoginTo') IS NOT NULL
    THEN {'svc_name': ct_text(r, '$.additionalEventData.LoginTo')} END AS dst_endpoint`;

/** observables-mapping.ts, from the columns already built; an empty value is no observable. */
const OBSERVABLES = `nullif(list_concat(
    CASE WHEN src_endpoint.ip <> '' THEN [{'name': 'src_endpoint.ip', 'type': 'IP Address', 'type_id': 2, 'value': src_endpoint.ip}] ELSE [] END,
    CASE WHEN actor.user.name <> '' THEN [{'name': 'actor.user.name', 'type': 'User Name', 'type_id': 4, 'value': actor.user.name}] ELSE [] END,
    CASE WHEN "user".name <> '' THEN [{'name': 'user.name', 'type': 'User Name', 'type_id': 4, 'value': "user".name}] ELSE [] END,
    list_transform(list_filter(coalesce(resources, []), x -> x.uid <> ''),
      x -> {'name': 'resources[].uid', 'type': 'Resource UID', 'type_id': 10, 'value': x.uid})), [])`;

const API = `struct_pack(operation := event_name, version := api_version,
  service := CASE WHEN event_source IS NOT NULL THEN {'name': event_source} END,
  request := ${struct([
    ['uid', 'request_id'],
    ['data', 'CASE WHEN request_id IS NOT NULL OR no_event_id THEN request_data END'],
  ])},
  response := ${struct([
    ['error', 'error_code'],
    ['message', 'error_message'],
    ['data', 'response_data'],
  ])})`;

const METADATA = `struct_pack(
  product := struct_pack(name := 'CloudTrail', vendor_name := 'AWS', version := event_version,
    feature := {'name': coalesce(event_category, 'Management, Data, and Insights')}),
  event_code := event_type, uid := event_id, profiles := ['cloud', 'datetime'], version := '1.1.0')`;

const ROW_COLUMNS = `f.k, route, time_ms AS time, ct_iso(time_ms) AS time_dt,
      kind.class_uid, kind.class_name, kind.category_uid, kind.category_name, kind.activity_id, kind.activity_name,
      kind.type_uid, kind.type_name, 1 AS severity_id, 'Informational' AS severity,
      coalesce(CASE WHEN kind.class_uid = 3002 AND event_name = 'ConsoleLogin' THEN console_login END,
        CASE WHEN error_code IS NULL THEN 'Success' ELSE st.status END) AS status,
      ${METADATA} AS metadata, {'region': f.region, 'provider': 'AWS'} AS cloud, ${API} AS api,
      ${ACTOR} AS actor, ${SRC_ENDPOINT} AS src_endpoint,
      CASE WHEN user_agent IS NOT NULL THEN {'user_agent': user_agent} END AS http_request,
      CASE WHEN kind.class_uid = 6003 THEN nullif(list_filter(list_transform(raw_resources, x -> ${RESOURCE}), x -> x IS NOT NULL), []) END AS resources,
      ${USER} AS user, ${AUTHENTICATION_COLUMNS},
      CASE WHEN kind.class_uid = 3001 AND json_type(r, '$.requestParameters.policyArn') = 'VARCHAR'
        THEN {'uid': json_extract_string(r, '$.requestParameters.policyArn')} END AS policy,
      account_id AS accountid, f.region,
      route IS NOT NULL AND time_ms IS NOT NULL AND f.region IS NOT NULL AND account_id IS NOT NULL AND event_name IS NOT NULL
        AND CASE WHEN kind.class_uid = 6003 THEN ${ACTOR} IS NOT NULL AND ${SRC_ENDPOINT} IS NOT NULL
          ELSE ${USER} IS NOT NULL END AS mapped`;

/**
 * Every `fn(r, '$.path')` above reads its value from `v`, the list of all the paths' values that one
 * json_extract takes from the record: reading each path from the whole record parsed the record once per
 * path (60 times), which made the mapping 10 times slower than JavaScript.
 */
const PATHS: string[] = [];
function fromParsedPaths(sql: string): string {
  return sql.replace(
    /(ct_text)?\(r, '(\$[^'[]*)(\[\*\])?'\)/g,
    (_match, text: string | undefined, path: string, all: string | undefined) => {
      if (!PATHS.includes(path)) PATHS.push(path);
      const value = `v[${PATHS.indexOf(path) + 1}]`;
      return text === undefined ? `(${value}, '$${all ?? ''}')` : `ct_scalar_text(${value})`;
    },
  );
}
const PARSED_FIELD_COLUMNS = fromParsedPaths(FIELD_COLUMNS);
const PARSED_ROW_COLUMNS = fromParsedPaths(ROW_COLUMNS);

function fields(input: string): string {
  const paths = PATHS.map((path) => `'${path}'`).join(', ');
  return `SELECT k, v, ${PARSED_FIELD_COLUMNS} FROM (SELECT k, json_extract(r, [${paths}]) AS v FROM ${input})`;
}

function rows(fieldsTable: string): string {
  return `SELECT k, CASE WHEN mapped THEN route END AS source, * EXCLUDE (k, route, mapped), ${OBSERVABLES} AS observables
    FROM (SELECT ${PARSED_ROW_COLUMNS}
    FROM ${fieldsTable} f
    LEFT JOIN ct_kinds kind ON kind.name = f.event_name AND kind.is_data = (f.route <> 'cloud_trail_mgmt')
    LEFT JOIN ct_status st ON st.code = f.error_code)`;
}

export const CLOUDTRAIL_SQL_ROWS = { fields, rows };
