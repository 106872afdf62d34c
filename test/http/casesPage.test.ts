import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { linearScorer } from '../../src/absence/scoreLinear.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { loggerOptions } from '../../src/http/loggerOptions.ts';
import { createServiceDeps } from '../../src/service/createServiceDeps.ts';
import { openStore } from '../../src/storage/openStore.ts';
import { models, problem, purposes } from '../service/serviceFixture.ts';
import { temporaryDirectory } from '../support/paths.ts';

// Debian's Chromium, never a downloaded browser; npm test installs it when it is missing.
const chromiumPath = '/usr/bin/chromium';
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const pageCases = problem.cases.slice(0, 12);
const dataDir = temporaryDirectory('cases-page');
const store = await openStore({ dataDir });
const app = buildApp({
  deps: createServiceDeps({
    store,
    purposes,
    scorers: {
      employer: linearScorer(models.employer),
      'occupational-physician': linearScorer(models['occupational-physician']),
    },
  }),
  pageCases,
  logger: loggerOptions({ write: () => undefined }),
});
let browser: Browser;
let base: string;

before(async () => {
  assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install chromium`);
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
});
after(async () => {
  await browser?.close();
  await app.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the cases page lists every bundled case with its indication, band and factors in Chromium', async () => {
  const page = await browser.newPage();
  await page.goto(base);

  const rows = page.locator('tbody tr');
  assert.equal(await rows.count(), pageCases.length);
  const scorer = linearScorer(models.employer);
  const first = scorer.score(pageCases[0]!);
  const cells = await rows.first().locator('td').allInnerTexts();
  assert.equal(cells[0], first.caseId);
  assert.equal(cells[3], `${(first.probability * 100).toFixed(1)}%`);
  assert.equal(cells[4], first.band);
  const factors = await rows.first().locator('li').allInnerTexts();
  assert.deepEqual(
    factors,
    first.factors.slice(0, 3).map((f) => f.sentence.en),
  );
  assert.equal(await page.locator('.notice').innerText(), first.notice.en);
  await page.close();
});

test('the cases page follows its links to Dutch and to the occupational-physician model', async () => {
  const page = await browser.newPage();
  await page.goto(base);

  await page.getByRole('link', { name: 'NL' }).click();
  await page.waitForURL(/lang=nl/);
  assert.equal(await page.locator('h1').innerText(), 'Ziekmeldingen en hun indicatie');
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');

  await page.getByRole('link', { name: 'occupational-physician' }).click();
  await page.waitForURL(/context=occupational-physician/);
  const physician = linearScorer(models['occupational-physician']).score(pageCases[0]!);
  const firstFactors = await page.locator('tbody tr').first().locator('li').allInnerTexts();
  assert.deepEqual(
    firstFactors,
    physician.factors.slice(0, 3).map((f) => f.sentence.nl),
  );
  assert.ok((await page.locator('body').innerText()).includes(physician.modelVersion));
  await page.close();
});
