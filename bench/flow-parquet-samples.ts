// VPC flow logs delivered as Parquet (FileFormat=parquet) for the per-source bench: the flows of a text flow
// log file, one row each, with the column names and types AWS gives them (test/helpers/parquet-writer.ts).

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FIELD_KEYS } from '../src/sources/vpc-flow-fields.ts';
import { writeFlowParquet } from '../test/helpers/parquet-writer.ts';

/** `text` is a flow log file as delivered in text: a header line of field names, then `-` for a missing value. */
export async function writeFlowLogParquet(path: string, text: string): Promise<void> {
  const [header = '', ...lines] = text.trimEnd().split('\n');
  const columns = header.split(' ').map((field) => FIELD_KEYS.get(field) ?? field);
  const records = lines.map((line) => {
    const values = line.split(' ');
    return Object.fromEntries(columns.map((column, i) => [column, values[i] === '-' ? undefined : values[i]]));
  });
  await mkdir(dirname(path), { recursive: true });
  await writeFlowParquet(path, records);
}

/** AWS names Parquet flow log objects as it names the text ones, with `.log.parquet` for `.log.gz`. */
export function parquetFlowPath(textPath: string): string {
  return textPath.replace(/\.log\.gz$/, '.log.parquet');
}
