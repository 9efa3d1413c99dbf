// The OCSF facts Tarn ships so that `tarn source add` works on a fresh install without a download: class,
// object and attribute names, types, requirements, enums and profiles of one compiled OCSF schema, without the
// descriptions (most of the export's size). `scripts/generate-ocsf-facts.ts` writes them from
// `../shared/ocsf/ocsf-1.1.0.json`; a test checks the committed file is exactly that output.

import { fileURLToPath } from 'node:url';

/** Resolved from here so that `src/` run through tsx and the compiled `dist/` find the same file. */
export const BUNDLED_OCSF_FACTS = fileURLToPath(new URL('../../../data/ocsf-1.1.0-facts.json', import.meta.url));

type Json = Record<string, unknown>;

const ATTRIBUTE_KEYS = ['type', 'base_type', 'object_type', 'is_array', 'requirement', 'profile'] as const;
const TYPE_KEYS = ['base_type', 'type', 'range', 'regex', 'max_len', 'values'] as const;

/** The facts of a compiled schema export, keys in a fixed order so the output is reproducible. */
export function ocsfFacts(schema: Json): Json {
  return {
    version: schema.version,
    types: mapValues(schema.types, (type) => pick(type, TYPE_KEYS)),
    profiles: mapValues(schema.profiles, (profile) => ({
      caption: profile.caption,
      attributes: Object.keys((profile.attributes as Json | undefined) ?? {}).sort(),
    })),
    base_event: entityFacts(schema.base_event as Json),
    classes: mapValues(schema.classes, entityFacts),
    objects: mapValues(schema.objects, entityFacts),
  };
}

/** One line per class, object and type, so a schema change reads as a small diff. */
export function renderOcsfFacts(facts: Json): string {
  const section = (value: unknown) =>
    `{\n${Object.entries(value as Json)
      .map(([key, entry]) => `  ${JSON.stringify(key)}: ${JSON.stringify(entry)}`)
      .join(',\n')}\n }`;
  const body = Object.entries(facts)
    .map(([key, value]) =>
      ['types', 'profiles', 'classes', 'objects'].includes(key)
        ? ` ${JSON.stringify(key)}: ${section(value)}`
        : ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
    )
    .join(',\n');
  return `{\n${body}\n}\n`;
}

function entityFacts(entity: Json): Json {
  return {
    ...pick(entity, ['name', 'caption', 'uid', 'category_uid', 'profiles'] as const),
    attributes: mapValues(entity.attributes, attributeFacts),
  };
}

function attributeFacts(attribute: Json): Json {
  const facts = pick(attribute, ATTRIBUTE_KEYS);
  const values = attribute.enum as Record<string, Json> | undefined;
  if (values === undefined) return facts;
  return { ...facts, enum: mapValues(values, (value) => pick(value, ['caption'] as const)) };
}

function pick(source: Json, keys: readonly string[]): Json {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

function mapValues(record: unknown, facts: (value: Json) => Json): Json {
  return Object.fromEntries(
    Object.entries((record as Record<string, Json> | undefined) ?? {}).map(([k, v]) => [k, facts(v)]),
  );
}
