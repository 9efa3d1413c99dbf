// Cases from the console: list, open, read with verification, and add a query result, a note or an
// investigation (of a principal or an address) as evidence, with the same code as `tarn case`.

import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import {
  analystName,
  appendEntry,
  caseDir,
  draftEvidence,
  type EntryDraft,
  lineHash,
  noteEvidence,
  openCase,
  readCaseLog,
  verifyCase,
} from '../respond/cases/index.ts';
import { addressMarkdown, investigate, investigateAddress, investigationMarkdown } from '../respond/report/index.ts';
import { TarnError } from '../tarn-error.ts';
import { optionalString } from './json-values.ts';
import { queryWindow, withEngine } from './lake-routes.ts';
import { badRequest, requestBody } from './query-routes.ts';

export interface CaseRouteOptions {
  readonly lakeDir: string;
  readonly casesDir: string;
  readonly maxRows: number;
}

export function caseRoutes(options: CaseRouteOptions): Hono {
  const app = new Hono();
  const dirOf = (name: string) => {
    try {
      return caseDir(options.casesDir, name);
    } catch (error) {
      throw error instanceof TarnError ? badRequest(error.message) : error;
    }
  };

  app.get('/cases', async (c) => {
    const names = existsSync(options.casesDir) ? await readdir(options.casesDir) : [];
    const cases = names.filter((name) => existsSync(join(options.casesDir, name, 'log.jsonl'))).sort();
    return c.json({ cases });
  });

  app.post('/cases', async (c) => {
    const body = await requestBody(c.req.raw);
    const name = optionalString(body, 'name') ?? '';
    const entry = await openCase(dirOf(name), analystName(optionalString(body, 'analyst')), name);
    return c.json({ entry }, 201);
  });

  app.get('/cases/:name', async (c) => {
    const dir = dirOf(c.req.param('name'));
    if (!existsSync(join(dir, 'log.jsonl'))) return c.json({ error: 'no such case' }, 404);
    const { links, broken } = await readCaseLog(dir);
    const last = links.at(-1);
    const verification = await verifyCase(dir, []);
    return c.json({
      entries: links.map((link) => link.entry),
      head: broken || last === undefined ? null : lineHash(last.text),
      verified: verification.ok,
      problem: verification.ok ? null : verification.problem,
    });
  });

  app.post('/cases/:name/entries', async (c) => {
    const dir = dirOf(c.req.param('name'));
    if (!existsSync(join(dir, 'log.jsonl'))) return c.json({ error: 'no such case' }, 404);
    const body = await requestBody(c.req.raw);
    const entry = await appendEntry(dir, analystName(optionalString(body, 'analyst')), await draft(body));
    return c.json({ entry }, 201);
  });

  async function draft(body: Record<string, unknown>): Promise<EntryDraft> {
    const title = optionalString(body, 'title');
    const principal = optionalString(body, 'investigate');
    const address = optionalString(body, 'investigate_ip');
    if (principal !== undefined && address !== undefined) throw badRequest('give investigate or investigate_ip');
    const window = () => queryWindow(optionalString(body, 'from'), optionalString(body, 'to'));
    if (address !== undefined) {
      const found = await withEngine(options.lakeDir, (engine) =>
        investigateAddress(engine, { address, window: window(), now: new Date() }),
      );
      return noteEvidence(addressMarkdown(found), title ?? `Investigation of the address ${address}`);
    }
    if (principal !== undefined) {
      const { investigation } = await withEngine(options.lakeDir, (engine) =>
        investigate(engine, { principal, window: window(), now: new Date() }),
      );
      return noteEvidence(investigationMarkdown(investigation), title ?? `Investigation of ${principal}`);
    }
    // No file evidence from the console: a path would name a file on the server, not the analyst's.
    const query = optionalString(body, 'query');
    const note = optionalString(body, 'note');
    if ((query === undefined) === (note === undefined))
      throw badRequest('give exactly one of query, note, investigate or investigate_ip');
    try {
      return await draftEvidence({ lakeDir: options.lakeDir, query, note, title, maxRows: options.maxRows });
    } catch (error) {
      throw error instanceof TarnError && error.exitCode === 2 ? badRequest(error.message) : error;
    }
  }

  return app;
}
