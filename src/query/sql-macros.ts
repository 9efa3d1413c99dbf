// Trino behaviour DuckDB has no function for, written as DuckDB macros that every engine defines before it
// locks itself. Macros expand inline, so a constant argument (a regexp group) stays a constant.

const IPV4 = String.raw`(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
const URL_HOST = String.raw`^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)`;

const MACROS: readonly string[] = [
  // JSON: Trino answers NULL for the wrong shape where DuckDB answers with text or 0.
  `tarn_json_scalar(j, p) AS CASE WHEN json_type(j, p) NOT IN ('OBJECT', 'ARRAY') THEN json_extract_string(j, p) END`,
  `tarn_json_array_length(j) AS CASE WHEN json_type(j) = 'ARRAY' THEN json_array_length(j) END`,
  `tarn_json_array_contains(j, v) AS CASE WHEN json_type(j) = 'ARRAY' THEN list_contains(json_extract(j, '$[*]'), to_json(v)) END`,
  `tarn_json_size(j, p) AS CASE WHEN json_type(j, p) = 'ARRAY' THEN json_array_length(j, p)
     WHEN json_type(j, p) = 'OBJECT' THEN len(json_keys(j, p)) WHEN json_type(j, p) IS NOT NULL THEN 0 END`,
  // Collections.
  `tarn_any_match(v) AS CASE WHEN list_bool_or(v) THEN true WHEN list_count(v) < len(v) THEN NULL WHEN v IS NOT NULL THEN false END`,
  `tarn_all_match(v) AS CASE WHEN NOT list_bool_and(v) THEN false WHEN list_count(v) < len(v) THEN NULL WHEN v IS NOT NULL THEN true END`,
  `tarn_none_match(v) AS CASE WHEN list_bool_or(v) THEN false WHEN list_count(v) < len(v) THEN NULL WHEN v IS NOT NULL THEN true END`,
  `tarn_map_from_first(entries) AS map_from_entries(
     list_filter(entries, lambda e, i: list_position(list_transform(entries, lambda x: x.k), e.k) = i))`,
  // Text: Trino answers NULL where DuckDB answers ''.
  `tarn_regexp_extract(s, p) AS CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p) END,
     (s, p, g) AS CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p, g) END`,
  `tarn_split_part(s, d, i) AS CASE WHEN i <= len(string_split(s, d)) THEN split_part(s, d, i) END`,
  `tarn_url_host(u) AS nullif(regexp_extract(u, '${URL_HOST}', 1), '')`,
  // IP addresses as 128-bit numbers, IPv4 mapped into ::ffff:0:0/96 as Trino's IPADDRESS does.
  `tarn_ipv4_number(ip) AS CASE WHEN regexp_full_match(ip, '${IPV4}') THEN 281470681743360::UHUGEINT +
     list_reduce(list_transform(string_split(ip, '.'), lambda o: CAST(o AS UHUGEINT)), lambda a, o: a * 256 + o) END`,
  `tarn_ipv6_groups(halves) AS CASE WHEN len(halves) = 1 THEN halves[1]
     ELSE halves[1] || list_transform(range(8 - len(halves[1]) - len(halves[2])), lambda z: '0') || halves[2] END`,
  `tarn_ipv6_number(ip) AS CASE WHEN regexp_full_match(ip, '[0-9A-Fa-f:]{2,39}') AND len(string_split(ip, '::')) <= 2
     AND len(tarn_ipv6_groups(list_transform(string_split(ip, '::'), lambda h: list_filter(string_split(h, ':'), lambda g: g <> '')))) = 8
     AND NOT contains(ip, ':::') THEN list_reduce(list_transform(
       tarn_ipv6_groups(list_transform(string_split(ip, '::'), lambda h: list_filter(string_split(h, ':'), lambda g: g <> ''))),
       lambda g: CAST(CAST('0x' || g AS INTEGER) AS UHUGEINT)), lambda a, g: a * 65536 + g) END`,
  `tarn_ip_number(ip) AS coalesce(tarn_ipv4_number(ip), tarn_ipv6_number(ip))`,
  `tarn_try_ipaddress(x) AS CASE WHEN tarn_ip_number(x) IS NOT NULL THEN lower(x) END`,
  `tarn_ipaddress(x) AS CASE WHEN x IS NULL THEN NULL WHEN tarn_ip_number(x) IS NULL
     THEN error('Cannot cast value to IPADDRESS: ' || x) ELSE lower(x) END`,
  `tarn_cidr_bits(cidr) AS TRY_CAST(split_part(cidr, '/', 2) AS INTEGER) + CASE WHEN contains(cidr, ':') THEN 0 ELSE 96 END`,
  `tarn_cidr_contains(cidr, ip) AS CASE WHEN cidr IS NULL OR ip IS NULL THEN NULL
     WHEN tarn_ip_number(split_part(cidr, '/', 1)) IS NULL OR NOT tarn_cidr_bits(cidr) BETWEEN 96 * (NOT contains(cidr, ':'))::INTEGER AND 128
       THEN error('Invalid CIDR: ' || cidr)
     WHEN tarn_cidr_bits(cidr) = 0 THEN ip IS NOT NULL
     ELSE tarn_ip_number(ip) >> (128 - tarn_cidr_bits(cidr))::UHUGEINT
       = tarn_ip_number(split_part(cidr, '/', 1)) >> (128 - tarn_cidr_bits(cidr))::UHUGEINT END`,
];

export const SQL_MACROS: readonly string[] = MACROS.map((macro) => `CREATE MACRO ${macro}`);
