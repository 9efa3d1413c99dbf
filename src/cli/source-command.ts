// `tarn source add|list|remove`: register the custom sources whose OCSF events `tarn ingest --source NAME`
// takes, as Security Lake's custom sources are: a name and the one OCSF class its events are of.

import { addCustomSource, customSources, removeCustomSource } from '../lake/custom-source-registry.ts';
import { readLakeConfig } from '../lake/lake-config.ts';
import { customSourceKey, customTableName } from '../mapping/custom-sources.ts';
import { renderTextTable } from '../query/index.ts';
import { TarnError } from '../tarn-error.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, existingLake, LAKE_OPTION, stringOption } from './command.ts';

export const sourceCommand: Command = {
  name: 'source',
  summary: 'register custom OCSF sources (add, list, remove) for tarn ingest --source',
  usage: `Usage: tarn source add NAME --class CLASS [--ocsf-schema FILE] [--region R] [--account A] [--lake DIR]
       tarn source list [--lake DIR]
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
  --lake DIR      the lake (default ./lake, or $TARN_LAKE)`,
  options: {
    ...LAKE_OPTION,
    class: { type: 'string' },
    'ocsf-schema': { type: 'string' },
    region: { type: 'string' },
    account: { type: 'string' },
  },
  async run(args, io) {
    const [action, name, ...extra] = args.positionals;
    if (extra.length > 0) throw new TarnError(`unexpected argument "${extra[0]}"`, 2);
    const lakeDir = stringOption(args, 'lake') ?? './lake';
    if (action === 'list' || action === undefined) return list(existingLake(args), io);
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

async function list(lakeDir: string, io: CliIO): Promise<number> {
  const config = await readLakeConfig(lakeDir);
  const rows = customSources(config).map((source) => [
    source.name,
    `${source.className} (${source.classUid})`,
    config.rollupRegion === null ? '-' : customTableName(config.rollupRegion, customSourceKey(source.name)),
    source.region ?? '-',
    source.accountId ?? '-',
  ]);
  if (rows.length === 0) io.stdout('no custom sources; add one with tarn source add NAME --class CLASS\n');
  else io.stdout(`${renderTextTable(['name', 'class', 'table', 'default region', 'default account'], rows)}\n`);
  return 0;
}
