// `npm run screenshot`: docs/console.png, the console on the demo data as the README shows it, taken with the
// browser tests' tooling (Debian's Chromium through playwright-core). The demo lake is made as `tarn demo`
// makes it (20,000 events, seed 1) in a temporary folder, removed afterwards.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../src/lake/ingest-job.ts';
import { fillAccount, REFERENCE_QUERIES } from '../src/scenario/reference-queries.ts';
import { generateScenario } from '../src/scenario/scenario-generator.ts';
import { startConsole } from '../src/server/console-server.ts';
import { launchChromium } from '../test/helpers/browser.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'console.png');

async function demoLake(dir: string): Promise<string> {
  const facts = await generateScenario({ outDir: join(dir, 'data'), events: 20_000, seed: 1 });
  await ingest({ lakeDir: join(dir, 'lake'), paths: [join(dir, 'data')], rollupRegion: 'us-west-2' });
  return facts.incidentAccountId;
}

const scratch = await mkdtemp(join(tmpdir(), 'tarn-screenshot-'));
try {
  const account = await demoLake(scratch);
  const lakeDir = join(scratch, 'lake');
  const server = await startConsole(
    { lakeDir, casesDir: join(scratch, 'cases'), token: null, appDir: join(ROOT, 'web', 'dist') },
    '127.0.0.1',
    0,
  );
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(300_000);
    await page.goto(`${server.url}/`);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(fillAccount(REFERENCE_QUERIES[1]?.sql ?? '', account));
    await page.getByRole('button', { name: 'Run (Ctrl-Enter)' }).click();
    await page.locator('[data-testid=histogram]').waitFor();
    await page.screenshot({ path: OUT });
    console.log(`wrote ${OUT}`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
