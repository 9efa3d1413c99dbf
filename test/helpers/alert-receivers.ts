// Real local receivers for alert tests: an HTTP server that records webhook posts and an SMTP server that
// records mail. Each can be stopped and started again on the same port, as a destination that goes down.

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface WebhookPost {
  readonly key: string;
  readonly body: { text: string; tarn: { finding_uid: string; rule: string; severity: string } };
}

export interface Mail {
  readonly to: readonly string[];
  readonly raw: string;
}

export interface Receiver {
  readonly port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function webhookReceiver(posts: WebhookPost[]): Promise<Receiver> {
  let server: Server | null = null;
  const make = () =>
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        posts.push({
          key: String(request.headers['idempotency-key']),
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        response.end('ok');
      });
    });
  const port = await freePort();
  return {
    port,
    async start() {
      server = make();
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
    },
    async stop() {
      server?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
      server = null;
    },
  };
}

export async function smtpReceiver(mails: Mail[]): Promise<Receiver> {
  let server: SMTPServer | null = null;
  const port = await freePort();
  return {
    port,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
