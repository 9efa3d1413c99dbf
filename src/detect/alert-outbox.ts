// The outbox in the lake folder (`_tarn/outbox/`): one JSON file per alert and destination, written when a
// detection is stored and removed to `sent/` only once the destination took it. A destination that is down
// keeps its alerts pending, retried with exponential backoff, so nothing is lost; an alert already queued or
// sent is never queued again, so a re-run or a restart never alerts twice. An attempt is recorded before it
// is made: after a crash between the destination taking the alert and the outbox recording it (the only gap),
// the alert is sent once more with the same idempotency key, so delivery is at least once, and exactly once
// to a receiver that drops a key it has seen. An alert recorded as sent is never sent again.

import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { faultPoint } from '../lake/batch-commit.ts';
import { acquireFileLock } from '../lake/lake-lock.ts';
import { TARN_DIR } from '../lake/ledger.ts';
import type { NotifyConfig } from './alert-destinations.ts';
import { type Alert, type SendContext, sendAlert } from './alert-senders.ts';
import { atLeast } from './detection-rule.ts';

export const OUTBOX_DIR = `${TARN_DIR}/outbox`;

export interface OutboxItem {
  readonly key: string;
  readonly destination: string;
  readonly alert: Alert;
  readonly attempts: number;
  /** Epoch ms; the item is not tried before then. */
  readonly nextAttemptAt: number;
  readonly lastError?: string;
  /** Set while a send is under way: found set, the last attempt may or may not have reached the destination. */
  readonly sending?: boolean;
}

export interface DeliveryResult {
  readonly key: string;
  readonly destination: string;
  readonly status: 'sent' | 'failed' | 'waiting';
  readonly error?: string;
  readonly nextAttemptAt?: number;
}

export interface DeliverOptions {
  readonly now?: () => number;
  readonly stdout: SendContext['stdout'];
}

/** Queues each alert for every destination that wants its severity; returns how many items were queued. */
export async function enqueueAlerts(lakeDir: string, config: NotifyConfig, alerts: readonly Alert[]): Promise<number> {
  if (config.destinations.length === 0 || alerts.length === 0) return 0;
  const dir = join(lakeDir, OUTBOX_DIR);
  await mkdir(join(dir, 'sent'), { recursive: true });
  let queued = 0;
  for (const alert of alerts) {
    for (const destination of config.destinations) {
      if (!atLeast(alert.hit.severity, destination.minSeverity)) continue;
      const key = `${alert.uid}.${destination.name}`;
      if ((await exists(join(dir, `${key}.json`))) || (await exists(join(dir, 'sent', `${key}.json`)))) continue;
      await writeItem(dir, { key, destination: destination.name, alert, attempts: 0, nextAttemptAt: 0 });
      queued++;
    }
  }
  return queued;
}

export async function pendingAlerts(lakeDir: string): Promise<OutboxItem[]> {
  const dir = join(lakeDir, OUTBOX_DIR);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const items: OutboxItem[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    items.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as OutboxItem);
  }
  return items.sort((a, b) => a.alert.hit.time.localeCompare(b.alert.hit.time) || a.key.localeCompare(b.key));
}

/** Sends every pending item that is due; one result per pending item. One delivery run at a time per lake. */
export async function deliverAlerts(
  lakeDir: string,
  config: NotifyConfig,
  options: DeliverOptions,
): Promise<DeliveryResult[]> {
  const now = options.now ?? Date.now;
  const dir = join(lakeDir, OUTBOX_DIR);
  if ((await pendingAlerts(lakeDir)).length === 0) return [];
  const lock = await acquireFileLock(join(dir, 'lock'), `the outbox of ${lakeDir}`);
  try {
    const results: DeliveryResult[] = [];
    for (const item of await pendingAlerts(lakeDir)) {
      const base = { key: item.key, destination: item.destination };
      if (item.nextAttemptAt > now()) {
        results.push({ ...base, status: 'waiting', nextAttemptAt: item.nextAttemptAt });
        continue;
      }
      const destination = config.destinations.find((d) => d.name === item.destination);
      const attempt = { ...item, attempts: item.attempts + 1, sending: true };
      try {
        if (destination === undefined) throw new Error(`no destination "${item.destination}" in the notify config`);
        await writeItem(dir, attempt);
        await sendAlert(destination, item.alert, { stdout: options.stdout, key: item.key });
        faultPoint('after-send');
        await writeItem(join(dir, 'sent'), { ...attempt, sending: false, nextAttemptAt: now() });
        await rm(join(dir, `${item.key}.json`), { force: true });
        results.push({ ...base, status: 'sent' });
      } catch (error) {
        const delay = Math.min(config.firstDelayMs * 2 ** (attempt.attempts - 1), config.maxDelayMs);
        const lastError = (error as Error).message;
        await writeItem(dir, { ...attempt, sending: false, nextAttemptAt: now() + delay, lastError });
        results.push({ ...base, status: 'failed', error: lastError, nextAttemptAt: now() + delay });
      }
    }
    return results;
  } finally {
    await lock.release();
  }
}

async function writeItem(dir: string, item: OutboxItem): Promise<void> {
  const target = join(dir, `${item.key}.json`);
  await writeFile(`${target}.tmp`, JSON.stringify(item));
  await rename(`${target}.tmp`, target);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
