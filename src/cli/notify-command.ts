// `tarn notify [--lake DIR] [--list]`: delivers the alerts waiting in the lake's outbox to the destinations of
// `_tarn/notify.yaml` (those whose retry time has come), or lists them. `detect`, `ingest` and `watch` deliver
// on their own after storing detections; this command is for cron to retry what a destination refused.

import { readNotifyConfig } from '../detect/alert-destinations.ts';
import { type DeliveryResult, deliverAlerts, pendingAlerts } from '../detect/alert-outbox.ts';
import type { CliIO } from './cli-io.ts';
import { type Command, existingLake, LAKE_OPTION } from './command.ts';
import {
  LISTING_OPTIONS,
  listingFormat,
  listingResult,
  listingText,
  listingUsage,
  tableTime,
} from './listing-output.ts';

const ALERT_COLUMNS = [
  ['time', 'timestamp(3)'],
  ['severity', 'varchar'],
  ['rule', 'varchar'],
  ['destination', 'varchar'],
  ['attempts', 'bigint'],
  ['next attempt (UTC)', 'varchar'],
  ['last error', 'varchar'],
] as const;

export const notifyCommand: Command = {
  name: 'notify',
  summary: "deliver the alerts waiting in the lake's outbox (webhook, e-mail, stdout), or list them",
  usage: `Usage: tarn notify [--lake DIR] [--list [--format F] [--wide]]

  Destinations are read from the lake's _tarn/notify.yaml (see README, Notifications). An alert a destination
  did not take stays in _tarn/outbox/ and is retried with exponential backoff; exit code 1 when one failed.

  --lake DIR   the lake (default ./lake or $TARN_LAKE)
  --list       list the pending alerts (destination, attempts, next attempt, last error) without sending
${listingUsage('an array of pending alerts', 'one alert a line')}`,
  options: { ...LAKE_OPTION, list: { type: 'boolean', default: false }, ...LISTING_OPTIONS },
  async run(args, io) {
    const format = listingFormat(args);
    const lakeDir = existingLake(args);
    if (args.values.list === true) {
      const items = await pendingAlerts(lakeDir);
      const rows = items.map((i) => [
        tableTime(i.alert.hit.time),
        i.alert.hit.severity,
        i.alert.hit.rule,
        i.destination,
        i.attempts,
        i.nextAttemptAt === 0 ? 'now' : tableTime(new Date(i.nextAttemptAt).toISOString()),
        i.lastError ?? '',
      ]);
      const json = items.map((i) => ({
        time: i.alert.hit.time,
        severity: i.alert.hit.severity,
        rule: i.alert.hit.rule,
        destination: i.destination,
        attempts: i.attempts,
        next_attempt: i.nextAttemptAt === 0 ? null : new Date(i.nextAttemptAt).toISOString(),
        last_error: i.lastError ?? null,
      }));
      const listing = {
        result: listingResult(ALERT_COLUMNS, rows),
        json,
        lines: json,
        footer: `(${items.length} pending alerts)\n`,
        title: 'Tarn pending alerts',
      };
      io.stdout(listingText(listing, format, args, io));
      return 0;
    }
    const results = await deliverPending(lakeDir, io, io.stdout);
    const count = (status: DeliveryResult['status']) => results.filter((r) => r.status === status).length;
    io.stderr(`tarn notify: ${count('sent')} sent, ${count('failed')} failed, ${count('waiting')} waiting to retry\n`);
    return count('failed') > 0 ? 1 : 0;
  },
};

/** Sends what is due; each failure is one line on stderr. `stdout` is where a stdout destination writes. */
export async function deliverPending(
  lakeDir: string,
  io: CliIO,
  stdout: (text: string) => void,
): Promise<DeliveryResult[]> {
  const config = await readNotifyConfig(lakeDir);
  const results = await deliverAlerts(lakeDir, config, { stdout });
  for (const r of results.filter((result) => result.status === 'failed')) {
    const retry = new Date(r.nextAttemptAt ?? 0).toISOString();
    io.stderr(`tarn notify: ${r.destination} did not take ${r.key}: ${r.error} (retry after ${retry})\n`);
  }
  return results;
}
