// DuckDB SQL macros that read a raw CloudTrail record (a JSON value) the way raw-fields.ts and
// cloudtrail-time.ts read it in JavaScript: text is a string, number or boolean (an object is no text), flags
// are booleans or "true"/"false", times are CloudTrail date-times cut to milliseconds. Used by the SQL mapping
// probe (cloudtrail-sql-mapping.ts), which is not part of ingest.

const TIME_PATTERN = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?`;
const OFFSET_PATTERN = String.raw`([+-])(\d{2}):?(\d{2})$`;
const FRACTION_PATTERN = String.raw`^.{19}\.(\d+)`;

export const CLOUDTRAIL_SQL_MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO ct_text(j, p) AS CASE
     WHEN json_type(j, p) IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN') THEN json_extract_string(j, p) END`,
  // ct_text of a value already extracted, told by its first character: a string without an escape is its
  // text between the quotes, which spares a JSON parse per field.
  `CREATE OR REPLACE MACRO ct_scalar_text(v) AS CASE left(CAST(v AS VARCHAR), 1)
     WHEN '"' THEN CASE WHEN contains(CAST(v AS VARCHAR), '\\') THEN json_extract_string(v, '$')
       ELSE substr(CAST(v AS VARCHAR), 2, length(CAST(v AS VARCHAR)) - 2) END
     WHEN '{' THEN NULL WHEN '[' THEN NULL WHEN 'n' THEN NULL
     ELSE json_extract_string(v, '$') END`,
  `CREATE OR REPLACE MACRO ct_json(j, p) AS CASE
     WHEN json_type(j, p) = 'VARCHAR' THEN json_extract_string(j, p)
     WHEN json_type(j, p) NOT IN ('NULL') THEN CAST(json_extract(j, p) AS VARCHAR) END`,
  // A JSON value, NULL for JSON null as for a missing path: what `??` passes over in JavaScript.
  `CREATE OR REPLACE MACRO ct_value(j, p) AS CASE WHEN json_type(j, p) <> 'NULL' THEN json_extract(j, p) END`,
  `CREATE OR REPLACE MACRO ct_flag(j, p) AS CASE
     WHEN json_extract(j, p) = 'true' OR json_extract(j, p) = '"true"' THEN true
     WHEN json_extract(j, p) = 'false' OR json_extract(j, p) = '"false"' THEN false END`,
  `CREATE OR REPLACE MACRO ct_offset_minutes(t) AS CASE
     WHEN regexp_matches(t, '${OFFSET_PATTERN}') AND length(t) > 19
     THEN (CASE WHEN substr(regexp_extract(t, '${OFFSET_PATTERN}', 1), 1, 1) = '-' THEN -1 ELSE 1 END)
       * (CAST(regexp_extract(t, '${OFFSET_PATTERN}', 2) AS INTEGER) * 60
          + CAST(regexp_extract(t, '${OFFSET_PATTERN}', 3) AS INTEGER)) ELSE 0 END`,
  `CREATE OR REPLACE MACRO ct_time_ms(t) AS CASE
     WHEN regexp_full_match(t, '${TIME_PATTERN}') AND substr(t, 1, 4) >= '1000'
       AND (length(t) <= 19 OR NOT regexp_matches(t, '${OFFSET_PATTERN}')
            OR (CAST(regexp_extract(t, '${OFFSET_PATTERN}', 2) AS INTEGER) <= 23
                AND CAST(regexp_extract(t, '${OFFSET_PATTERN}', 3) AS INTEGER) <= 59))
     THEN epoch_ms(try_cast(substr(t, 1, 10) || ' ' || substr(t, 12, 8) AS TIMESTAMP))
       + CAST(rpad(substr(regexp_extract(t, '${FRACTION_PATTERN}', 1), 1, 3), 3, '0') AS BIGINT)
       - ct_offset_minutes(t) * 60000 END`,
  `CREATE OR REPLACE MACRO ct_iso(ms) AS strftime(make_timestamp(ms * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')`,
  `CREATE OR REPLACE MACRO ct_is_ip(s) AS
     regexp_full_match(s, '((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)')
     OR (regexp_full_match(s, '[0-9A-Fa-f:.]+') AND contains(s, ':'))`,
];
