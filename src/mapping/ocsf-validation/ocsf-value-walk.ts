// Custom-source events are reshaped value by value as the OCSF schema describes them (Parquet's 64-bit integers
// read back as text become numbers again, datetimes become UTC timestamps). The walk through the event's objects
// is shared, so that each reshaping is only its rule for one value of one attribute.

import type { OcsfAttribute, OcsfEntity, OcsfSchema } from './ocsf-schema.ts';

/** Gives the new value of one value of `attribute`, found at `path` (`metadata.logged_time_dt`, `x[2]`). */
export type ValueRule = (attribute: OcsfAttribute, value: unknown, path: string) => unknown;

/** The class an event's `class_uid` names (0 is the base event), if the schema has it. */
export function classEntity(schema: OcsfSchema, classUid: unknown): OcsfEntity | undefined {
  if (classUid === 0) return schema.base_event;
  const name = typeof classUid === 'number' ? schema.classByUid.get(classUid) : undefined;
  return name === undefined ? undefined : schema.classes[name];
}

/**
 * A copy of `value` with `rule` applied to every value of an attribute that is not an object, array items one
 * by one, in nested objects too. Keys keep their order; unknown attributes and nulls are left as they are.
 */
export function mapOcsfValues(
  schema: OcsfSchema,
  entity: OcsfEntity,
  value: Record<string, unknown>,
  rule: ValueRule,
  path = '',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const attribute = entity.attributes[key];
    const at = path === '' ? key : `${path}.${key}`;
    const object = attribute?.object_type === undefined ? undefined : schema.objects[attribute.object_type];
    const convert = (item: unknown, itemPath: string): unknown => {
      if (attribute === undefined || item === null || item === undefined) return item;
      if (object !== undefined) return isObject(item) ? mapOcsfValues(schema, object, item, rule, itemPath) : item;
      return rule(attribute, item, itemPath);
    };
    out[key] = Array.isArray(child) ? child.map((item, index) => convert(item, `${at}[${index}]`)) : convert(child, at);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
