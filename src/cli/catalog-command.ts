// `tarn catalog ddl --engine athena|trino|spark --location s3://bucket/prefix [--lake DIR] [--trino-catalog NAME]`
// `tarn catalog register --glue-database NAME --location s3://bucket/prefix [--lake DIR] [AWS options]`

import { DDL_ENGINES, type DdlEngine, lakeDdl } from '../catalog/table-ddl.ts';
import { type LakeCatalog, loadLakeCatalog, renderTextTable } from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, existingLake, LAKE_OPTION, stringOption } from './command.ts';
import { AWS_CLIENT_OPTIONS, AWS_CLIENT_USAGE, awsClientConfig } from './s3-client-option.ts';

/** Loaded only when run: it opens DuckDB to read custom sources' Parquet footers. */
async function readCustomColumns(catalog: LakeCatalog) {
  const { readCustomColumns: read } = await import('../catalog/custom-columns.ts');
  return read(catalog);
}

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'print the DDL that registers the lake’s tables in Athena, Trino or Spark, or register them in Glue',
  usage: `Usage: tarn catalog ddl --engine athena|trino|spark --location s3://bucket/prefix [--lake DIR] [--trino-catalog NAME]
       tarn catalog register --glue-database NAME --location s3://bucket/prefix [--lake DIR]

  Prints one external Parquet table per lake table (the Glue columns and types), partitioned by region,
  accountid and eventday, reading the lake's copy at --location (where its aws/ folder is, e.g. after
  tarn push or aws s3 sync). Athena tables use partition projection: no MSCK REPAIR, new days appear by
  themselves (a new account or region needs the DDL again). Trino's Hive connector (catalog --trino-catalog,
  default hive) and Spark SQL get each partition the lake holds; run the DDL again after new data.
  Custom sources' tables (ext/<name>/) get the columns their Parquet files hold.

  register creates the Athena tables in the Glue database NAME (made if missing) through the Glue API,
  custom sources' tables included, updating those already there; then tarn query --engine athena --database NAME runs on them.

  --engine E           athena, trino or spark: the dialect of the DDL
  --location URI       where the lake's copy is: the folder holding aws/ (s3://bucket/prefix)
  --trino-catalog NAME the Trino catalog of the Hive connector (default hive)
  --glue-database NAME with register: the Glue database the tables are created in
  --lake DIR           the lake whose tables are described (default ./lake, or $TARN_LAKE)
${AWS_CLIENT_USAGE}`,
  options: {
    ...LAKE_OPTION,
    engine: { type: 'string' },
    location: { type: 'string' },
    'trino-catalog': { type: 'string' },
    'glue-database': { type: 'string' },
    ...AWS_CLIENT_OPTIONS,
  },
  async run(args, io) {
    const [action] = args.positionals;
    if (action !== 'ddl' && action !== 'register') {
      throw new TarnError('give the action: tarn catalog ddl, or tarn catalog register', 2);
    }
    const location = stringOption(args, 'location');
    if (location === undefined) throw new TarnError('give --location s3://bucket/prefix, where the lake is in S3', 2);
    if (action === 'register') {
      const database = stringOption(args, 'glue-database');
      if (database === undefined) throw new TarnError('give --glue-database NAME, the Glue database to register in', 2);
      const catalog = await loadLakeCatalog(existingLake(args));
      const customColumns = await readCustomColumns(catalog);
      const { GlueClient } = await import('@aws-sdk/client-glue');
      const { registerInGlue } = await import('../catalog/glue-tables.ts');
      const client = new GlueClient(awsClientConfig(args, 'glue'));
      try {
        const results = await registerInGlue(client, catalog, { database, location, customColumns });
        const rows = results.map((r) => [r.table, r.outcome, r.error ?? '']);
        io.stdout(`Glue database ${database}:\n${renderTextTable(['table', 'outcome', 'error'], rows)}`);
        return results.some((r) => r.outcome === 'failed') ? 1 : 0;
      } finally {
        client.destroy();
      }
    }
    const engine = stringOption(args, 'engine') as DdlEngine;
    if (!DDL_ENGINES.includes(engine)) throw new TarnError(`--engine must be one of ${DDL_ENGINES.join(', ')}`, 2);
    const trinoCatalog = stringOption(args, 'trino-catalog');
    const catalog = await loadLakeCatalog(existingLake(args));
    const customColumns = await readCustomColumns(catalog);
    const trino = trinoCatalog === undefined ? {} : { trinoCatalog };
    io.stdout(lakeDdl(catalog, { engine, location, customColumns, ...trino }));
    return 0;
  },
};
