// Where alerts go: `_tarn/notify.yaml` in the lake folder lists destinations (a webhook taking Slack-compatible
// JSON, e-mail over SMTP, stdout), each with the lowest severity it wants, and the retry backoff. Every
// mistake is an error naming the file and the field; a lake without the file sends no alerts.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TARN_DIR } from '../lake/ledger.ts';
import { TarnError } from '../tarn-error.ts';
import { SEVERITIES, type Severity } from './detection-rule.ts';

export const NOTIFY_FILE = `${TARN_DIR}/notify.yaml`;
const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

interface Common {
  readonly name: string;
  readonly minSeverity: Severity;
}
export type Destination =
  | (Common & { readonly type: 'stdout' })
  | (Common & { readonly type: 'webhook'; readonly url: string })
  | (Common & {
      readonly type: 'email';
      readonly host: string;
      readonly port: number;
      readonly secure: boolean;
      readonly user?: string;
      /** The SMTP password is read from this environment variable, never kept in the lake folder. */
      readonly passwordEnv?: string;
      readonly from: string;
      readonly to: readonly string[];
    });

export interface NotifyConfig {
  readonly destinations: readonly Destination[];
  /** The wait before the first retry; it doubles after each failure, up to `maxDelayMs`. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

export const NO_NOTIFY: NotifyConfig = { destinations: [], firstDelayMs: 30_000, maxDelayMs: 3_600_000 };

export async function readNotifyConfig(lakeDir: string): Promise<NotifyConfig> {
  const file = join(lakeDir, NOTIFY_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NO_NOTIFY;
    throw error;
  }
  return parseNotifyConfig(text, file);
}

export function parseNotifyConfig(text: string, file: string): NotifyConfig {
  const fail = (reason: string): never => {
    throw new TarnError(`${file}: ${reason}`, 2);
  };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return fail(`not valid YAML: ${(error as Error).message}`);
  }
  const { destinations, retry } = (doc ?? {}) as Record<string, unknown>;
  if (!Array.isArray(destinations)) return fail('"destinations" must be a list');
  const seen = new Set<string>();
  const parsed = destinations.map((item, index) => {
    const d = destination((item ?? {}) as Record<string, unknown>, (reason) =>
      fail(`destinations[${index}]: ${reason}`),
    );
    if (seen.has(d.name)) fail(`destination name "${d.name}" is used twice`);
    seen.add(d.name);
    return d;
  });
  const r = (retry ?? {}) as Record<string, unknown>;
  const seconds = (value: unknown, name: string, fallback: number) => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !(value > 0)) return fail(`retry.${name} must be a positive number of seconds`);
    return value * 1000;
  };
  return {
    destinations: parsed,
    firstDelayMs: seconds(r.first_delay_seconds, 'first_delay_seconds', NO_NOTIFY.firstDelayMs),
    maxDelayMs: seconds(r.max_delay_seconds, 'max_delay_seconds', NO_NOTIFY.maxDelayMs),
  };
}

function destination(d: Record<string, unknown>, fail: (reason: string) => never): Destination {
  const text = (name: string): string =>
    typeof d[name] === 'string' && d[name] !== '' ? (d[name] as string) : fail(`"${name}" must be a non-empty string`);
  const name = text('name');
  if (!NAME.test(name)) fail(`"name" ${JSON.stringify(name)} must be lowercase letters, digits, "_" and "-"`);
  const level = String(d.min_severity ?? 'low').toLowerCase();
  const minSeverity = SEVERITIES.find((s) => s.toLowerCase() === level) ?? fail(`unknown "min_severity" ${level}`);
  const common = { name, minSeverity };
  if (d.type === 'stdout') return { ...common, type: 'stdout' };
  if (d.type === 'webhook') {
    const url = text('url');
    if (!/^https?:\/\//.test(url)) fail('"url" must be an http or https URL');
    return { ...common, type: 'webhook', url };
  }
  if (d.type === 'email') {
    const to = Array.isArray(d.to) ? d.to.map(String) : [text('to')];
    if (to.length === 0) fail('"to" must name at least one address');
    const port = d.port ?? 587;
    if (typeof port !== 'number' || !Number.isInteger(port)) fail('"port" must be a whole number');
    return {
      ...common,
      type: 'email',
      host: text('host'),
      port: port as number,
      secure: d.secure === true,
      ...(d.user === undefined ? {} : { user: text('user') }),
      ...(d.password_env === undefined ? {} : { passwordEnv: text('password_env') }),
      from: text('from'),
      to,
    };
  }
  return fail(`"type" must be webhook, email or stdout, not ${JSON.stringify(d.type)}`);
}
