// Finds the OCSF class a custom source is for, from the forms people write it in: the schema name
// (`api_activity`), its caption (`API Activity`), Security Lake's API enum (`API_ACTIVITY`) or the uid (`6003`).

import { TarnError } from '../../tarn-error.ts';
import type { OcsfSchema } from './ocsf-schema.ts';

export interface OcsfClassRef {
  readonly uid: number;
  /** Schema name, `api_activity`. */
  readonly name: string;
  readonly caption: string;
  readonly categoryUid: number | null;
}

const SUGGESTIONS = 5;

export function findOcsfClass(schema: OcsfSchema, given: string): OcsfClassRef {
  const wanted = normalize(given);
  const uid = /^\d+$/.test(wanted) ? Number(wanted) : undefined;
  const name =
    uid === undefined
      ? Object.keys(schema.classes).find(
          (candidate) =>
            candidate !== 'base_event' && (candidate === wanted || normalize(caption(schema, candidate)) === wanted),
        )
      : schema.classByUid.get(uid);
  const cls = name === undefined ? undefined : schema.classes[name];
  if (name !== undefined && cls !== undefined && typeof cls.uid === 'number') {
    return { uid: cls.uid, name, caption: caption(schema, name), categoryUid: cls.category_uid ?? null };
  }
  const close = closeNames(schema, wanted);
  const hint = close.length > 0 ? `; did you mean ${close.join(', ')}?` : '';
  throw new TarnError(
    `unknown OCSF class "${given}" in OCSF ${schema.version}${hint} (give a class name such as api_activity, its caption, or its uid)`,
    2,
  );
}

/** `API Activity`, `API_ACTIVITY` and `api-activity` all become `api_activity`. */
function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function caption(schema: OcsfSchema, name: string): string {
  return schema.classes[name]?.caption ?? name;
}

/** The classes whose names share a word with the given one or are a few edits away, closest first. */
function closeNames(schema: OcsfSchema, wanted: string): string[] {
  const words = new Set(wanted.split('_').filter((word) => word.length > 2));
  return [...schema.classByUid.entries()]
    .map(([uid, name]) => {
      const shared = name.split('_').some((word) => words.has(word));
      return { label: `${name} (${uid})`, distance: shared ? 0 : editDistance(wanted, name) };
    })
    .filter((entry) => entry.distance <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.label.localeCompare(b.label))
    .slice(0, SUGGESTIONS)
    .map((entry) => entry.label);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
