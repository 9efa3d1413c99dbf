// The error rules of the OCSF conformance validator (validate.py in the OCSF reference kit), in TypeScript,
// so that ingest can refuse a bad event with the same verdict and reason the reference tool gives. Its
// warnings (patterns, sibling captions, deprecations) do not make an event invalid and are not checked.

import type { OcsfAttribute, OcsfEntity, OcsfSchema } from './ocsf-schema.ts';

export type OcsfIssueKind =
  | 'unknown_class'
  | 'unknown_attribute'
  | 'missing_required'
  | 'type_mismatch'
  | 'out_of_range'
  | 'invalid_enum'
  | 'wrong_type_uid'
  | 'wrong_category_uid';

export interface OcsfIssue {
  readonly kind: OcsfIssueKind;
  /** Dotted path of the attribute, `actor.user.name`, `observables[2].type_id`; empty for the whole event. */
  readonly path: string;
  readonly message: string;
}

const INT32: readonly [number, number] = [-(2 ** 31), 2 ** 31 - 1];
// 2^63 - 1 is not a double: the upper bound is exclusive, at 2^63.
const INT64: readonly [number, number] = [-(2 ** 63), 2 ** 63];

type Add = (kind: OcsfIssueKind, path: string, message: string) => void;

export function validateOcsfEvent(schema: OcsfSchema, event: Record<string, unknown>): OcsfIssue[] {
  const issues: OcsfIssue[] = [];
  const add: Add = (kind, path, message) => issues.push({ kind, path, message });
  const classUid = event.class_uid;
  if (!isInteger(classUid)) {
    add('unknown_class', 'class_uid', `class_uid missing or not an integer: ${JSON.stringify(classUid) ?? 'absent'}`);
    return issues;
  }
  const name = schema.classByUid.get(classUid);
  const cls = classUid === 0 ? schema.base_event : name === undefined ? undefined : schema.classes[name];
  if (cls === undefined) {
    add('unknown_class', 'class_uid', `class_uid ${classUid} is not an OCSF ${schema.version} class`);
    return issues;
  }
  const metadata = isObject(event.metadata) ? event.metadata : {};
  const profiles = new Set(Array.isArray(metadata.profiles) ? metadata.profiles.map(String) : []);
  new EntityCheck(schema, profiles, add).entity(cls, event, '', true);
  const { activity_id: activity, type_uid: typeUid, category_uid: category } = event;
  if (isInteger(activity) && isInteger(typeUid) && typeUid !== classUid * 100 + activity) {
    add(
      'wrong_type_uid',
      'type_uid',
      `type_uid ${typeUid} != class_uid*100+activity_id = ${classUid * 100 + activity}`,
    );
  }
  if (classUid !== 0 && isInteger(category) && category !== cls.category_uid) {
    add(
      'wrong_category_uid',
      'category_uid',
      `category_uid ${category} but class ${cls.name} is in category ${cls.category_uid}`,
    );
  }
  return issues;
}

class EntityCheck {
  constructor(
    private readonly schema: OcsfSchema,
    private readonly profiles: ReadonlySet<string>,
    private readonly add: Add,
  ) {}

  entity(entity: OcsfEntity, value: Record<string, unknown>, path: string, isClass = false): void {
    for (const [key, child] of Object.entries(value)) {
      const at = join(path, key);
      const attribute = entity.attributes[key];
      if (attribute === undefined) {
        this.add('unknown_attribute', at, `not an attribute of ${isClass ? 'class' : 'object'} ${entity.name}`);
      } else if (child !== null && child !== undefined) {
        this.value(attribute, child, at);
      }
    }
    for (const [key, attribute] of Object.entries(entity.attributes)) {
      const present = value[key] !== null && value[key] !== undefined;
      const active = !attribute.profile || this.profiles.has(attribute.profile);
      if (!present && active && attribute.requirement === 'required') {
        const profile = attribute.profile ? ` (profile ${attribute.profile})` : '';
        this.add('missing_required', join(path, key), `required by ${entity.name}${profile}`);
      }
    }
  }

  private value(attribute: OcsfAttribute, value: unknown, path: string): void {
    if (!attribute.is_array) {
      if (Array.isArray(value)) this.add('type_mismatch', path, `expected ${typeName(attribute)}, got an array`);
      else this.scalar(attribute, value, path);
      return;
    }
    if (!Array.isArray(value)) {
      this.add('type_mismatch', path, `expected an array of ${typeName(attribute)}, got ${jsonType(value)}`);
      return;
    }
    value.forEach((item, index) => {
      const at = `${path}[${index}]`;
      if (item === null) this.add('type_mismatch', at, 'null array element');
      else this.scalar(attribute, item, at);
    });
  }

  private scalar(attribute: OcsfAttribute, value: unknown, path: string): void {
    const { base_type: base, type } = attribute;
    const mismatch = (expected: string) =>
      this.add('type_mismatch', path, `expected ${expected}, got ${jsonType(value)}: ${preview(value)}`);
    // json_t, and base types the reference validator does not check, take any value.
    if (base === 'object_t') this.object(attribute, value, path);
    else if (base === 'string_t' && typeof value !== 'string') mismatch(`${type} (string)`);
    else if (base === 'boolean_t' && typeof value !== 'boolean') mismatch('boolean');
    else if (base === 'float_t' && typeof value !== 'number') mismatch('float');
    else if (base === 'integer_t' || base === 'long_t') {
      if (isInteger(value)) this.integer(attribute, value, path);
      else mismatch(`${type} (integer)`);
    }
  }

  private integer(attribute: OcsfAttribute, value: number, path: string): void {
    const { base_type: base, type } = attribute;
    const [low, high] = base === 'integer_t' ? INT32 : INT64;
    const range = this.schema.types[type]?.range;
    if (value < low || value > high || (base === 'long_t' && value === high)) {
      this.add('out_of_range', path, `${value} outside ${base} range`);
    } else if (range && (value < range[0] || value > range[1])) {
      this.add('out_of_range', path, `${value} outside ${type} range [${range.join(', ')}]`);
    } else if (attribute.enum && !(String(value) in attribute.enum)) {
      this.add('invalid_enum', path, `${value} not in [${Object.keys(attribute.enum).join(', ')}]`);
    }
  }

  private object(attribute: OcsfAttribute, value: unknown, path: string): void {
    if (!isObject(value)) {
      this.add('type_mismatch', path, `expected object ${attribute.object_type}, got ${jsonType(value)}`);
      return;
    }
    // The generic `object` (unmapped, for one) is free-form.
    if (attribute.object_type === 'object') return;
    const object = attribute.object_type === undefined ? undefined : this.schema.objects[attribute.object_type];
    if (object === undefined) this.add('type_mismatch', path, `schema has no object ${attribute.object_type}`);
    else this.entity(object, value, path);
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function typeName(attribute: OcsfAttribute): string {
  return attribute.object_type ?? attribute.type;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && !Number.isInteger(value) ? 'float' : typeof value;
}

function preview(value: unknown): string {
  return (JSON.stringify(value) ?? String(value)).slice(0, 60);
}
