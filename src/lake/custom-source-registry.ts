// Custom sources registered in the lake (`tarn source add`): each is a name and the one OCSF class its events
// must be, kept in the lake config with the path of the OCSF schema they are checked against, so every
// command that opens the lake agrees on them. Changes are made under the writer lock and written atomically.

import { resolve } from 'node:path';
import { customSourceKey } from '../mapping/custom-sources.ts';
import { type CustomSourceSpec, partitionProblem } from '../mapping/ocsf-validation/custom-event-mapping.ts';
import { findOcsfClass } from '../mapping/ocsf-validation/ocsf-class-lookup.ts';
import { BUNDLED_OCSF_FACTS } from '../mapping/ocsf-validation/ocsf-facts.ts';
import { loadOcsfSchema, type OcsfSchema } from '../mapping/ocsf-validation/ocsf-schema.ts';
import { TarnError } from '../tarn-error.ts';
import { type LakeConfig, readLakeConfig, writeLakeConfig } from './lake-config.ts';
import { acquireLakeLock } from './lake-lock.ts';
import { readLedgerFiles } from './ledger.ts';

export interface CustomSourceDefinition extends CustomSourceSpec {
  readonly createdAt: string;
}

export interface SchemaChoice {
  /** `--ocsf-schema FILE`; saved in the lake when a source is added. */
  readonly given?: string;
  /** `$TARN_OCSF_SCHEMA`, used when neither the command nor the lake names a schema. */
  readonly fromEnv?: string;
  // With none of the three, the OCSF 1.1 facts shipped with Tarn.
}

export interface NewCustomSource extends SchemaChoice {
  readonly name: string;
  readonly eventClass: string;
  readonly region?: string;
  readonly accountId?: string;
}

/** Security Lake's naming rule, kept to lowercase so the name is the same in paths and table names. */
const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function customSources(config: LakeConfig): readonly CustomSourceDefinition[] {
  return config.customSources ?? [];
}

export function schemaPathOf(config: LakeConfig, choice: SchemaChoice): string {
  const path = choice.given ?? config.ocsfSchema ?? choice.fromEnv;
  return path === undefined || path === '' ? BUNDLED_OCSF_FACTS : resolve(path);
}

export async function addCustomSource(lakeDir: string, wanted: NewCustomSource): Promise<CustomSourceDefinition> {
  const lock = await acquireLakeLock(lakeDir);
  try {
    const config = await readLakeConfig(lakeDir);
    const schemaPath = schemaPathOf(config, wanted);
    const schema: OcsfSchema = loadOcsfSchema(schemaPath);
    const existing = customSources(config);
    checkName(wanted.name, existing);
    const cls = findOcsfClass(schema, wanted.eventClass);
    const defaults = { region: wanted.region ?? null, accountId: wanted.accountId ?? null };
    const problem = partitionProblem(defaults);
    if (problem !== null) throw new TarnError(problem, 2);
    const added: CustomSourceDefinition = {
      name: wanted.name,
      classUid: cls.uid,
      className: cls.name,
      ...defaults,
      createdAt: new Date().toISOString(),
    };
    const ocsfSchema = wanted.given === undefined ? config.ocsfSchema : schemaPath;
    await writeLakeConfig(lakeDir, { ...config, ocsfSchema, customSources: [...existing, added] });
    return added;
  } finally {
    await lock.release();
  }
}

/** Only a source with no committed data can go: removing one with data would leave files no table reads. */
export async function removeCustomSource(lakeDir: string, name: string): Promise<void> {
  const lock = await acquireLakeLock(lakeDir);
  try {
    const config = await readLakeConfig(lakeDir);
    const existing = customSources(config);
    if (!existing.some((source) => source.name === name)) throw new TarnError(`no custom source named "${name}"`, 2);
    const files = (await readLedgerFiles(lakeDir)).files.filter((file) => file.source === customSourceKey(name));
    if (files.length > 0) {
      throw new TarnError(
        `custom source "${name}" has ${files.length} committed files; only an empty source can be removed`,
      );
    }
    await writeLakeConfig(lakeDir, { ...config, customSources: existing.filter((source) => source.name !== name) });
  } finally {
    await lock.release();
  }
}

function checkName(name: string, existing: readonly CustomSourceDefinition[]): void {
  if (!NAME.test(name)) {
    throw new TarnError(
      `invalid custom source name "${name}": use 1 to 64 lowercase letters, digits, _ and -, starting with a letter or digit`,
      2,
    );
  }
  // `a-b` and `a_b` would share a table name, which spells - as _.
  const tableForm = (text: string) => text.replaceAll('-', '_');
  const clash = existing.find((source) => tableForm(source.name) === tableForm(name));
  if (clash) throw new TarnError(`a custom source named "${clash.name}" already exists`, 2);
}
