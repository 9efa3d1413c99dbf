// `tarn catalog register --glue-database NAME`: the lake's tables created in the Glue Data Catalog through the
// SDK, as the Athena DDL of tarn catalog ddl defines them (external Parquet, the Glue columns, partitioned by
// region, accountid and eventday, with partition projection), all in one database. A table already there is
// updated to the lake's definition; each table's outcome is reported on its own.

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
import {
  athenaProjection,
  dataColumns,
  type LakeScope,
  lakeScope,
  type NativeTable,
  nativeTables,
  PARTITION_COLUMNS,
  tableFolder,
} from './table-ddl.ts';

export interface GlueTableResult {
  readonly table: string;
  readonly outcome: 'created' | 'updated' | 'failed';
  readonly error?: string;
}

export function glueTableInput(table: NativeTable, lake: LakeScope): TableInput {
  return {
    Name: table.name,
    TableType: 'EXTERNAL_TABLE',
    Parameters: {
      EXTERNAL: 'TRUE',
      classification: 'parquet',
      ...Object.fromEntries(athenaProjection(table, tableFolder(table, lake), lake)),
    },
    PartitionKeys: PARTITION_COLUMNS.map((name) => ({ Name: name, Type: 'string' })),
    StorageDescriptor: {
      Columns: dataColumns(table.source, (name, type) => ({ Name: name, Type: type })),
      Location: `${tableFolder(table, lake)}/`,
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    },
  };
}

export async function registerInGlue(
  client: GlueClient,
  catalog: LakeCatalog,
  options: { readonly database: string; readonly location: string },
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
  const results: GlueTableResult[] = [];
  for (const table of nativeTables(catalog)) {
    const input = glueTableInput(table, lake);
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
  return results;
}
