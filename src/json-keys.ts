// Every JSON Tarn prints has snake_case keys (`source_ips`, `first_event`), as AWS CLI users and `jq` filters
// expect, while the code keeps TypeScript's camelCase. Keys that start upper-case are AWS's own names (an SDK
// call's `UserName`) and are left as AWS spells them.

/** `firstSeen` → `first_seen`, `accountIds` → `account_ids`; keys that start upper-case are left as they are. */
export const snakeCase = (key: string) =>
  /^[a-z]/.test(key) ? key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) : key;

export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [snakeCase(key), snakeCaseKeys(v)]));
}

/** The inverse, for a file Tarn wrote: `first_seen` → `firstSeen`; AWS's upper-case keys are left as they are. */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      /^[a-z]/.test(key) ? key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()) : key,
      camelCaseKeys(v),
    ]),
  );
}

/** Pretty-printed JSON with snake_case keys and a final line break, as the CLI prints it. */
export function snakeCaseJson(value: unknown): string {
  return `${JSON.stringify(snakeCaseKeys(value), null, 2)}\n`;
}
