// VPC flow logs as AWS delivers them to S3 (`AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/*.log.gz`: a
// header line naming the fields, then one record a line, space-separated, `-` for a value the record does
// not have), and as Panther's test data holds them (already parsed, one JSON object a line). Either way a
// record becomes an object keyed by the fields' underscore names (see vpc-flow-fields.ts), holding only the
// values it has. The region and account of the file's S3 location fill in what the format does not name.

import { type DeliveryOrigin, deliveryOrigin } from './delivery-path.ts';
import { describeKeys, type FormatReader, type JsonObject, type RecordSink } from './format-reader.ts';
import { firstNonBlank, jsonLinesFormat, type ObjectHandler } from './json-records.ts';
import { forEachLine, lineAt, splitWords } from './text-lines.ts';
import { FIELD_KEYS, PANTHER_KEYS } from './vpc-flow-fields.ts';

const MISSING = '-';

/** Whether the line at `start` is a flow log header: every word names a flow log field, none twice. */
export function isVpcFlowHeader(text: string, start: number): boolean {
  return headerKeys(lineAt(text, start)) !== undefined;
}

function headerKeys(line: string): string[] | undefined {
  const keys: string[] = [];
  for (const word of splitWords(line)) {
    const key = FIELD_KEYS.get(word);
    if (key === undefined || keys.includes(key)) return undefined;
    keys.push(key);
  }
  return keys.length > 0 ? keys : undefined;
}

function readFlowLogText(text: string, sink: RecordSink): void {
  const header = lineAt(text, firstNonBlank(text, 0));
  const keys = headerKeys(header);
  if (keys === undefined) {
    const opening = JSON.stringify(header.slice(0, 60));
    sink.reject(null, `the first line is not a flow log header naming its fields: ${opening}`, text);
    return;
  }
  const location = deliveryOrigin(sink.file) ?? {};
  let headerSeen = false;
  forEachLine(text, (line, number) => {
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    const words = splitWords(line);
    if (words.length !== keys.length) {
      const got = `${words.length} field${words.length === 1 ? '' : 's'}`;
      return sink.reject(number, `line ${number} has ${got}, but the header names ${keys.length}`, line);
    }
    const record: JsonObject = {};
    for (let i = 0; i < keys.length; i++) {
      const word = words[i] as string;
      if (word !== MISSING) record[keys[i] as string] = word;
    }
    sink.accept(number, locate(record, location));
  });
}

function isPantherFlowRecord(value: JsonObject): boolean {
  let fields = 0;
  for (const key in value) {
    if (!PANTHER_KEYS.has(key)) return false;
    fields++;
  }
  return fields > 0;
}

const acceptPantherRecord =
  (sink: RecordSink, location: DeliveryOrigin): ObjectHandler =>
  (value, line) => {
    if (!isPantherFlowRecord(value)) {
      return `not a VPC flow record: only Panther AWS.VPCFlow fields expected (${describeKeys(value)})`;
    }
    const record: JsonObject = {};
    for (const key in value) record[PANTHER_KEYS.get(key) as string] = value[key];
    sink.accept(line, locate(record, location));
  };

/** Fills in the region and account the record does not name from the file's S3 location. */
export function locate(record: JsonObject, location: DeliveryOrigin): JsonObject {
  if (record.region === undefined && location.region !== undefined) record.region = location.region;
  if (record.account_id === undefined && location.accountId !== undefined) record.account_id = location.accountId;
  return record;
}

/** The text format, which detection picks by its header line (`isVpcFlowHeader`) rather than by a JSON record. */
export const VPC_FLOW_TEXT: FormatReader = {
  format: 'vpc-flow-text',
  kind: 'vpcflow',
  layout: 'lines',
  // A line that parses as a JSON object is never a line of this format.
  matches: () => false,
  read: readFlowLogText,
};

export const VPC_FLOW_FORMATS: readonly FormatReader[] = [
  VPC_FLOW_TEXT,
  jsonLinesFormat('vpc-flow-lines', 'vpcflow', isPantherFlowRecord, (sink) =>
    acceptPantherRecord(sink, deliveryOrigin(sink.file) ?? {}),
  ),
];
