// `tarn catalog ddl --engine athena|trino|spark --location s3://bucket/prefix [--lake DIR] [--trino-catalog NAME]`

import { DDL_ENGINES, type DdlEngine, lakeDdl } from '../catalog/table-ddl.ts';
import { loadLakeCatalog } from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, existingLake, LAKE_OPTION, stringOption } from './command.ts';

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'print the DDL that registers the lake’s tables in Athena, Trino or Spark',
  usage: `Usage: tarn catalog ddl --engine athena|trino|spark --location s3://bucket/prefix [--lake DIR] [--trino-catalog NAME]

  Prints one external Parquet table per lake table (the Glue columns and types), partitioned by region,
  accountid and eventday, reading the lake's copy at --location (where its aws/ folder is, e.g. after
  tarn push or aws s3 sync). Athena tables use partition projection: no MSCK REPAIR, new days appear by
  themselves (a new account or region needs the DDL again). Trino's Hive connector (catalog --trino-catalog,
  default hive) and Spark SQL get each partition the lake holds; run the DDL again after new data.

  --engine E           athena, trino or spark: the dialect of the DDL
  --location URI       where the lake's copy is: the folder holding aws/ (s3://bucket/prefix)
  --trino-catalog NAME the Trino catalog of the Hive connector (default hive)
  --lake DIR           the lake whose tables are described (default ./lake, or $TARN_LAKE)`,
  options: {
    ...LAKE_OPTION,
    engine: { type: 'string' },
    location: { type: 'string' },
    'trino-catalog': { type: 'string' },
  },
  async run(args, io) {
    const [action] = args.positionals;
    if (action !== 'ddl') throw new TarnError('give the action: tarn catalog ddl', 2);
    const engine = stringOption(args, 'engine') as DdlEngine;
    if (!DDL_ENGINES.includes(engine)) throw new TarnError(`--engine must be one of ${DDL_ENGINES.join(', ')}`, 2);
    const location = stringOption(args, 'location');
    if (location === undefined) throw new TarnError('give --location s3://bucket/prefix, where the lake is in S3', 2);
    const trinoCatalog = stringOption(args, 'trino-catalog');
    const catalog = await loadLakeCatalog(existingLake(args));
    io.stdout(lakeDdl(catalog, { engine, location, ...(trinoCatalog === undefined ? {} : { trinoCatalog }) }));
    return 0;
  },
};
