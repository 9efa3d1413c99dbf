// `tarn investigate --format json`: the investigation as data with every key in snake_case, as the issue
// names them (`source_ips`), while the code keeps TypeScript's camelCase. The plan steps' AWS calls keep
// their SDK parameters as AWS spells them (`UserName`): those are AWS's names, not Tarn's.

import type { Investigation } from './investigation.ts';

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

export function investigationJson(investigation: Investigation): string {
  return `${JSON.stringify(snakeCaseKeys(investigation), null, 2)}\n`;
}
