// `tarn source add|list|remove`: register the custom sources whose OCSF events `tarn ingest --source NAME`
// takes, as Security Lake's custom sources are: a name and the one OCSF class its events are of.

import { addCustomSource, customSources, removeCustomSource } from '../lake/custom-source-registry.ts';
import { readLakeConfig } from '../lake/lake-config.ts';
import { customSourceKey, customTableName } from '../mapping/custom-sources.ts';
import { TarnError } from '../tarn-error.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, existingLake, LAKE_OPTION, type ParsedArgs, stringOption } from './command.ts';
import { LISTING_OPTIONS, listingFormat, listingResult, listingText, listingUsage } from './listing-output.ts';

export const sourceCommand: Command = {
  name: 'source',
  summary: 'register custom OCSF sources (add, list, remove) for tarn ingest --source',
  usage: `Usage: tarn source add NAME --class CLASS [--ocsf-schema FILE] [--region R] [--account A] [--lake DIR]
       tarn source list [--lake DIR] [--format F] [--wide]
       tarn source remove NAME [--lake DIR]

  A custom source holds OCSF 1.1 events of one class, ingested with tarn ingest --source NAME PATH... into
  ext/NAME/region=<r>/accountId=<a>/eventDay=<yyyymmdd>/, table amazon_security_lake_table_<region>_ext_NAME.

  NAME            lowercase letters, digits, _ and -; unique in the lake
  --class CLASS   the OCSF class: api_activity, "API Activity", API_ACTIVITY or 6003
  --ocsf-schema FILE  an OCSF schema export JSON (https://schema.ocsf.io/export/schema) for another version or
                  extensions, saved in the lake (default: the lake's saved one, else $TARN_OCSF_SCHEMA, else
                  the OCSF 1.1 facts shipped with Tarn)
  --region R      region of events without cloud.region
  --account A     account of events without cloud.account.uid: a 12-digit id, external or external_<id>
  remove          only a source with no data yet
  --lake DIR      the lake (default ./lake, or $TARN_LAKE)
list:
${listingUsage('an array of custom sources', 'one source a line')}`,
  options: {
    ...LAKE_OPTION,
    class: { type: 'string' },
    'ocsf-schema': { type: 'string' },
    region: { type: 'string' },
    account: { type: 'string' },
    ...LISTING_OPTIONS,
  },
  async run(args, io) {
    const [action, name, ...extra] = args.positionals;
    if (extra.length > 0) throw new TarnError(`unexpected argument "${extra[0]}"`, 2);
    const lakeDir = stringOption(args, 'lake') ?? './lake';
    if (action === 'list' || action === undefined) return list(existingLake(args), args, io);
    if (name === undefined) throw new TarnError(`give the source's name: tarn source ${action} NAME`, 2);
    if (action === 'remove') {
      await removeCustomSource(existingLake(args), name);
      io.stdout(`removed custom source ${name}\n`);
      return 0;
    }
    if (action !== 'add') throw new TarnError(`unknown action "${action}": use add, list or remove`, 2);
    const eventClass = stringOption(args, 'class');
    if (eventClass === undefined) throw new TarnError('give the OCSF class of the events: --class CLASS', 2);
    const added = await addCustomSource(lakeDir, {
      name,
      eventClass,
      given: stringOption(args, 'ocsf-schema'),
      fromEnv: process.env.TARN_OCSF_SCHEMA,
      region: stringOption(args, 'region'),
      accountId: stringOption(args, 'account'),
    });
    io.stdout(
      `added custom source ${added.name}: ${added.className} (${added.classUid}), data in ext/${added.name}/\n`,
    );
    return 0;
  },
};

const SOURCE_COLUMNS = [
  ['name', 'varchar'],
  ['class', 'varchar'],
  ['table', 'varchar'],
  ['default region', 'varchar'],
  ['default account', 'varchar'],
] as const;

async function list(lakeDir: string, args: ParsedArgs, io: CliIO): Promise<number> {
  const format = listingFormat(args);
  const config = await readLakeConfig(lakeDir);
  const sources = customSources(config).map((source) => ({
    name: source.name,
    class_name: source.className,
    class_uid: source.classUid,
    table: config.rollupRegion === null ? null : customTableName(config.rollupRegion, customSourceKey(source.name)),
    region: source.region ?? null,
    account_id: source.accountId ?? null,
  }));
  if (sources.length === 0 && format === 'table') {
    io.stdout('no custom sources; add one with tarn source add NAME --class CLASS\n');
    return 0;
  }
  const rows = sources.map((s) => [
    s.name,
    `${s.class_name} (${s.class_uid})`,
    s.table ?? '-',
    s.region ?? '-',
    s.account_id ?? '-',
  ]);
  const result = listingResult(SOURCE_COLUMNS, rows);
  io.stdout(listingText({ result, json: sources, lines: sources, title: 'Tarn custom sources' }, format, args, io));
  return 0;
}
