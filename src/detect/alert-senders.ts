// One sender per destination type. Each message carries the alert's outbox id as its idempotency key (the
// webhook's `Idempotency-Key` header, the e-mail's Message-ID), so a receiver can tell a resend after a crash
// from a new alert. A sender throws when the destination did not take the alert; the outbox retries it.

import { createTransport } from 'nodemailer';
import type { Destination } from './alert-destinations.ts';
import type { DetectionHit } from './detection-runner.ts';

export interface Alert {
  /** The Detection Finding's uid (`metadata.uid`), the same on every run that finds it. */
  readonly uid: string;
  readonly hit: DetectionHit;
}

export interface SendContext {
  /** Where a stdout destination writes. */
  readonly stdout: (text: string) => void;
  /** Unique per alert and destination. */
  readonly key: string;
}

const TIMEOUT_MS = 15_000;

export function alertSubject(alert: Alert): string {
  const { hit } = alert;
  return `[Tarn] ${hit.severity}: ${hit.title} (${hit.principalName || hit.principal || 'unknown principal'}, account ${hit.accountId || 'unknown'})`;
}

export function alertText(alert: Alert): string {
  const { hit } = alert;
  return [
    alertSubject(alert),
    `rule: ${hit.rule} (${hit.techniques.join(', ')})`,
    `when: ${hit.time}`,
    `principal: ${hit.principal}`,
    `resources: ${hit.resources.join(', ') || '-'}`,
    `detail: ${hit.detail}`,
    `finding: ${alert.uid} (table ext_tarn_detections, metadata.uid)`,
    `events (metadata.uid): ${hit.events.slice(0, 20).join(', ')}${hit.events.length > 20 ? ', …' : ''}`,
  ].join('\n');
}

export async function sendAlert(destination: Destination, alert: Alert, context: SendContext): Promise<void> {
  if (destination.type === 'stdout') {
    context.stdout(`${alertText(alert)}\n\n`);
  } else if (destination.type === 'webhook') {
    await postWebhook(destination.url, alert, context.key);
  } else {
    const password = destination.passwordEnv === undefined ? undefined : process.env[destination.passwordEnv];
    const transport = createTransport({
      host: destination.host,
      port: destination.port,
      secure: destination.secure,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
      ...(destination.user === undefined ? {} : { auth: { user: destination.user, pass: password ?? '' } }),
    });
    try {
      await transport.sendMail({
        from: destination.from,
        to: [...destination.to],
        subject: alertSubject(alert),
        text: alertText(alert),
        messageId: `<${context.key}@tarn>`,
      });
    } finally {
      transport.close();
    }
  }
}

/** Slack's incoming-webhook shape (`text`, `blocks`); other receivers read the `tarn` object. */
async function postWebhook(url: string, alert: Alert, key: string): Promise<void> {
  const text = alertText(alert);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({
      text: alertSubject(alert),
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${text}\`\`\`` } }],
      tarn: { key, finding_uid: alert.uid, ...alert.hit },
    }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`);
}
