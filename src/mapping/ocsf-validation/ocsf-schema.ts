// The OCSF schema Tarn validates custom-source events against: the OCSF 1.1 facts shipped with Tarn
// (`ocsf-facts.ts`), or a schema export JSON given by path (the layout of the OCSF schema server's export) for
// other versions and extensions.

import { readFileSync } from 'node:fs';
import { TarnError } from '../../tarn-error.ts';

export interface OcsfAttribute {
  readonly type: string;
  /** The primitive the type is built on (`port_t` → `integer_t`); filled in by the loader when missing. */
  readonly base_type: string;
  readonly object_type?: string;
  readonly is_array?: boolean;
  readonly requirement?: string;
  readonly profile?: string | null;
  readonly enum?: Readonly<Record<string, { readonly caption?: string }>>;
}

export interface OcsfEntity {
  readonly name: string;
  readonly caption?: string;
  readonly uid?: number;
  readonly category_uid?: number;
  readonly attributes: Readonly<Record<string, OcsfAttribute>>;
}

export interface OcsfType {
  readonly base_type?: string;
  readonly type?: string;
  readonly range?: readonly [number, number];
}

export interface OcsfSchema {
  readonly version: string;
  readonly types: Readonly<Record<string, OcsfType>>;
  readonly base_event: OcsfEntity;
  readonly classes: Readonly<Record<string, OcsfEntity>>;
  readonly objects: Readonly<Record<string, OcsfEntity>>;
  /** Class name by uid. */
  readonly classByUid: ReadonlyMap<number, string>;
}

const SCHEMA_HELP =
  'Give an OCSF schema export JSON (from the OCSF schema server, https://schema.ocsf.io/export/schema, or your ' +
  'own ocsf-server) with `tarn source add … --ocsf-schema FILE` (saved in the lake) or $TARN_OCSF_SCHEMA, or ' +
  'none for the OCSF 1.1 facts shipped with Tarn';

/** Reads and checks a schema export; every problem is a TarnError naming the file and how to get a good one. */
export function loadOcsfSchema(path: string): OcsfSchema {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TarnError(`cannot read the OCSF schema ${path}: ${(error as Error).message}. ${SCHEMA_HELP}`);
  }
  const doc = raw as Partial<Record<string, unknown>>;
  const missing = ['classes', 'objects', 'types'].filter((key) => typeof doc[key] !== 'object' || doc[key] === null);
  if (missing.length > 0) {
    throw new TarnError(`${path} is not an OCSF schema export (no ${missing.join(', ')}). ${SCHEMA_HELP}`);
  }
  const types = doc.types as Record<string, OcsfType>;
  const classes = withBaseTypes(doc.classes as Record<string, OcsfEntity>, types);
  const baseEvent = (doc.base_event as OcsfEntity | undefined) ?? classes.base_event;
  if (baseEvent === undefined) throw new TarnError(`${path} has no base_event. ${SCHEMA_HELP}`);
  return {
    version: String(doc.version ?? 'unknown'),
    types,
    base_event: withBaseType(baseEvent, types),
    classes,
    objects: withBaseTypes(doc.objects as Record<string, OcsfEntity>, types),
    classByUid: new Map(
      Object.entries(classes)
        .filter(([, entity]) => typeof entity.uid === 'number')
        .map(([name, entity]) => [entity.uid as number, name]),
    ),
  };
}

/** Compiled exports carry `base_type` on every attribute; the server's export names only the type. */
function withBaseTypes(entities: Record<string, OcsfEntity>, types: Record<string, OcsfType>) {
  return Object.fromEntries(Object.entries(entities).map(([name, entity]) => [name, withBaseType(entity, types)]));
}

function withBaseType(entity: OcsfEntity, types: Record<string, OcsfType>): OcsfEntity {
  const attributes = Object.fromEntries(
    Object.entries(entity.attributes ?? {}).map(([name, attribute]) => {
      const declared = types[attribute.type];
      const base = attribute.base_type ?? declared?.base_type ?? declared?.type ?? attribute.type;
      return [name, { ...attribute, base_type: base }];
    }),
  );
  return { ...entity, attributes };
}
