// Every row needs the account and region it belongs to: they are the lake's partition columns. A record
// that names them is taken at its word; otherwise the S3 delivery path its reader attached is used; a
// record with neither is refused with the reason, rather than being filed under a guessed place.

import { originOf } from '../sources/delivery-path.ts';
import type { RawRecord } from './record-fields.ts';

export type Partition =
  | { readonly ok: true; readonly accountId: string; readonly region: string }
  | { readonly ok: false; readonly reason: string };

export function resolvePartition(
  record: RawRecord,
  fromRecord: { readonly accountId: string | undefined; readonly region: string | undefined },
  what: string,
): Partition {
  const origin = originOf(record);
  const accountId = fromRecord.accountId ?? origin?.accountId;
  const region = fromRecord.region ?? origin?.region;
  if (accountId === undefined) {
    return { ok: false, reason: `no account id: ${what}, and the file is not under AWSLogs/<account>/` };
  }
  if (region === undefined) {
    return { ok: false, reason: `no region: ${what}, and the file's AWSLogs/ path names no region folder` };
  }
  return { ok: true, accountId, region };
}
