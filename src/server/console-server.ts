// Starts the console on a host and port and says where it listens; the caller closes it.

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type ConsoleOptions, consoleApp } from './console-app.ts';

export interface RunningConsole {
  readonly url: string;
  close(): Promise<void>;
}

export function startConsole(options: ConsoleOptions, host: string, port: number): Promise<RunningConsole> {
  const app = consoleApp(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
