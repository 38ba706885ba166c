import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../harness/cli/report.ts';
import { LIST_PAGE_ROWS } from '../../reports/html/assets.ts';
import { inputOf, replicated, sampleRecords } from './helpers.ts';

// Debian's chromium (.ci/run installs it). Without it the test is skipped locally, never in CI.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const skip = !existsSync(CHROMIUM) && !process.env.CI;

describe.skipIf(skip)('report.html in a real browser', () => {
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the matrix, fetches nothing, filters failed runs, and draws a failing run with its fault and replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-report-'));
    const [html] = writeReports(inputOf(await sampleRecords()), ['html'], dir);
    const url = pathToFileURL(html as string).href;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const left: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Every request goes through here: the page itself is let through, anything else is a failure.
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : (left.push(route.request().url()), route.abort())));
    await page.goto(url);
    await page.locator('#run-list[data-ready="true"]').waitFor({ state: 'attached' }); // the runs are unpacked after the page loads

    const matrix = await page.$$eval('.matrix tbody tr', (rows) => rows.map((r) => Array.from(r.children, (c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));
    expect(matrix).toEqual([
      ['dropped-ack', '0/1 pass 0% · 1 fail', '1/1 pass 100%'],
      ['reordered-parallel', '0/1 pass 0% · 1 fail', '1/1 pass 100%'],
    ]);
    expect(await page.locator('#shown').innerText()).toBe('4 of 4 run(s) shown');
    expect(await page.locator('svg.chart').count()).toBe(4);

    await page.check('#failed-only');
    const visible = page.locator('details.run:visible');
    expect(await visible.count()).toBe(2);
    expect(await visible.evaluateAll((runs) => runs.map((r) => (r as HTMLElement).dataset.verdict))).toEqual(['fail', 'fail']);
    expect(await page.locator('#shown').innerText()).toBe('2 of 4 run(s) shown');

    const run = page.locator('details.run', { hasText: 'dropped-ack / naive / seed 1' });
    expect(await run.locator('svg.timeline').count()).toBe(0); // drawn only once opened
    await run.locator(':scope > summary').click();
    const timeline = run.locator('svg.timeline');
    await timeline.waitFor();
    const fault = timeline.locator('g[data-type="fault"]');
    expect(await fault.count()).toBe(1);
    expect(await fault.locator('text').textContent()).toBe('fault drop-reply: committed; reply dropped');
    const [svgBox, faultBox] = [await timeline.boundingBox(), await fault.boundingBox()];
    expect(faultBox!.y).toBeGreaterThan(svgBox!.y);
    expect(faultBox!.y + faultBox!.height).toBeLessThan(svgBox!.y + svgBox!.height);
    expect(await timeline.locator('.tl-lane text').allTextContents()).toEqual(['user', 'model (Messages API)', 'runtime (naive)', 'orders service']);
    expect(await run.locator('.replay code').innerText()).toBe('npx faultline run --scenario dropped-ack --agent naive --seed 1');
    expect(await run.locator('.ledger tbody tr').count()).toBe(2);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });

    // A matrix cell lists its own runs.
    await page.uncheck('#failed-only');
    await page.click('.matrix td[data-filter="scenario:reordered-parallel agent:hardened"]');
    expect(await page.inputValue('#run-filter')).toBe('scenario:reordered-parallel agent:hardened');
    expect(await page.locator('details.run:visible .name').allInnerTexts()).toEqual(['reordered-parallel / hardened / seed 1']);

    expect(left).toEqual([]);
    expect(errors).toEqual([]);
    console.log(`screenshot: ${join(dir, 'report.png')}`);
  });

  // Load times are printed, never asserted: these machines are shared. The size is asserted in html/page.test.ts.
  it('opens 10 000 runs at once: the matrix, then the first runs listed, more on demand, any run by its link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-report-'));
    const [html] = writeReports(replicated(await sampleRecords(), 10_000), ['html'], dir);
    const url = pathToFileURL(html as string).href;
    const timings: Array<{ loadMs: number; runsShownMs: number }> = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(url);
      await page.locator('#run-list[data-ready="true"]').waitFor({ state: 'attached' });
      timings.push(
        await page.evaluate(() => ({
          loadMs: Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd),
          runsShownMs: Math.round(performance.getEntriesByName('faultline:runs-shown')[0]?.startTime ?? Number.NaN),
        })),
      );
      await page.close();
    }
    const median = (k: 'loadMs' | 'runsShownMs') => timings.map((t) => t[k]).sort((a, b) => a - b)[1];
    console.log(`report.html at 10 000 runs (${statSync(html as string).size} bytes): load event ${median('loadMs')} ms, first runs listed ${median('runsShownMs')} ms (medians of 3: ${JSON.stringify(timings)})`);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.locator('#run-list[data-ready="true"]').waitFor({ state: 'attached' });
    expect(await page.locator('.matrix tbody tr').count()).toBe(42);
    expect(await page.locator('#shown').innerText()).toBe('10000 of 10000 run(s) shown');
    expect(await page.locator('details.run').count()).toBe(LIST_PAGE_ROWS);
    await page.click('#more .next');
    expect(await page.locator('details.run').count()).toBe(2 * LIST_PAGE_ROWS);
    await page.fill('#run-filter', 'scenario:dropped-ack-3 seed:100');
    expect(await page.locator('details.run .name').allInnerTexts()).toEqual(['dropped-ack-3 / naive / seed 100', 'dropped-ack-3 / hardened / seed 100']);
    expect(await page.locator('#more').isVisible()).toBe(false);
    // A link to a run far down the list lists it and opens it.
    await page.goto(`${url}#run-9000`);
    await page.reload();
    const linked = page.locator('#run-9000');
    await linked.locator('.replay code').waitFor();
    expect(await linked.getAttribute('open')).toBe('');
    expect(errors).toEqual([]);
  });
});
