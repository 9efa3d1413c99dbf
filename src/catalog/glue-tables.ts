// `tarn catalog register --glue-database NAME`: the lake's tables created in the Glue Data Catalog through the
// SDK, as the Athena DDL of tarn catalog ddl defines them (external Parquet, the Glue columns, partitioned by
// region, accountid and eventday, with partition projection), all in one database, custom sources' tables
// included. A table already there is updated to the lake's definition; each table's outcome is reported on its
// own, and a custom source whose columns could not be read is reported as skipped.

import {
  AlreadyExistsException,
  CreateDatabaseCommand,
  CreateTableCommand,
  type GlueClient,
  type TableInput,
  UpdateTableCommand,
} from '@aws-sdk/client-glue';
import type { LakeCatalog } from '../query/lake-catalog.ts';
import { TarnError } from '../tarn-error.ts';
import type { DdlColumn } from './custom-columns.ts';
import {
  athenaProjection,
  type DdlTable,
  ddlTables,
  type LakeScope,
  lakeScope,
  PARTITION_COLUMNS,
} from './table-ddl.ts';

export interface GlueTableResult {
  readonly table: string;
  readonly outcome: 'created' | 'updated' | 'failed' | 'skipped';
  readonly error?: string;
}

export function glueTableInput({ table, folder, columns }: DdlTable, lake: LakeScope): TableInput {
  return {
    Name: table.name,
    TableType: 'EXTERNAL_TABLE',
    Parameters: {
      EXTERNAL: 'TRUE',
      classification: 'parquet',
      ...Object.fromEntries(athenaProjection(table, folder, lake)),
    },
    PartitionKeys: PARTITION_COLUMNS.map((name) => ({ Name: name, Type: 'string' })),
    StorageDescriptor: {
      Columns: columns.map(({ name, type }) => ({ Name: name, Type: type })),
      Location: `${folder}/`,
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    },
  };
}

export async function registerInGlue(
  client: GlueClient,
  catalog: LakeCatalog,
  options: {
    readonly database: string;
    readonly location: string;
    /** Custom sources' columns (custom-columns.ts); a custom source missing here is skipped. */
    readonly customColumns: ReadonlyMap<string, readonly DdlColumn[]>;
  },
): Promise<GlueTableResult[]> {
  const { database } = options;
  if (!/^[a-z0-9_]{1,255}$/.test(database)) {
    throw new TarnError(`--glue-database takes lower-case letters, digits and _, not ${JSON.stringify(database)}`, 2);
  }
  const lake = lakeScope(catalog, options.location);
  await client
    .send(new CreateDatabaseCommand({ DatabaseInput: { Name: database, Description: 'Tarn lake tables' } }))
    .catch((error: unknown) => {
      if (!(error instanceof AlreadyExistsException)) throw error;
    });
  const { definitions, leftOut } = ddlTables(catalog, lake, options.customColumns);
  const results: GlueTableResult[] = [];
  for (const definition of definitions) {
    const { table } = definition;
    const input = glueTableInput(definition, lake);
    try {
      const created = await client.send(new CreateTableCommand({ DatabaseName: database, TableInput: input })).then(
        () => true,
        (error: unknown) => {
          if (error instanceof AlreadyExistsException) return false;
          throw error;
        },
      );
      if (!created) await client.send(new UpdateTableCommand({ DatabaseName: database, TableInput: input }));
      results.push({ table: table.name, outcome: created ? 'created' : 'updated' });
    } catch (error) {
      results.push({ table: table.name, outcome: 'failed', error: (error as Error).message });
    }
  }
  for (const source of leftOut) {
    results.push({ table: source, outcome: 'skipped', error: 'no Parquet file to read its columns from' });
  }
  return results;
}
