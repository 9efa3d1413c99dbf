// `tarn serve [--lake DIR] [--port 8080] [--host 127.0.0.1] [--token T]`: the web console and its API.

import { fileURLToPath } from 'node:url';
import { startConsole } from '../server/console-server.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, existingLake, LAKE_OPTION, stringOption } from './command.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const APP_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the web console (query editor, schema, investigations, detections, cases) and its API',
  usage: `Usage: tarn serve [--lake DIR] [--cases DIR] [--port 8080] [--host 127.0.0.1] [--token T]

  Serves the console and its JSON API (/api/...) on one port, on 127.0.0.1 unless --host says otherwise.
  Any other host needs a token; every API call must then send "Authorization: Bearer TOKEN" (open the
  console as http://HOST:PORT/#token=TOKEN). Ctrl-C stops it.

  --lake DIR     the lake (default ./lake or $TARN_LAKE)
  --cases DIR    where cases live (default ./cases or $TARN_CASES)
  --port N       the port (default 8080; 0 takes a free one, printed at start)
  --host H       the address to listen on (default 127.0.0.1); another needs a token
  --token T      the token every API call must send, 16 characters or more (default $TARN_TOKEN)`,
  options: {
    ...LAKE_OPTION,
    cases: { type: 'string', default: process.env.TARN_CASES ?? './cases' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
  },
  async run(args, io) {
    const host = stringOption(args, 'host') ?? '127.0.0.1';
    const port = Number(stringOption(args, 'port'));
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TarnError('--port must be 0 to 65535', 2);
    const token = stringOption(args, 'token') ?? process.env.TARN_TOKEN ?? null;
    if (token !== null && token.length < 16) throw new TarnError('the token must be at least 16 characters', 2);
    if (!LOOPBACK.has(host) && token === null) {
      throw new TarnError(`serving on ${host} needs a token: give --token T or set TARN_TOKEN`, 2);
    }
    const lakeDir = existingLake(args);
    const casesDir = stringOption(args, 'cases') ?? './cases';
    const server = await startConsole({ lakeDir, casesDir, token, appDir: APP_DIR }, host, port);
    io.stdout(
      `tarn console on ${server.url}/ (lake ${lakeDir}, cases ${casesDir})${token ? ', token required' : ''}\n`,
    );
    await new Promise<void>((done) => {
      if (io.signal) io.signal.addEventListener('abort', () => done(), { once: true });
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    await server.close();
    return 0;
  },
};
