import { describe, expect, it } from 'vitest';
import { htmlReporter } from '../../../reports/html/index.ts';
import { DETAILED_FAILED_MAX, detailedRuns } from '../../../reports/html/run.ts';
import { fakeInput, fakeRun, inputOf, packsOf, replicated, sampleRecords, unpacked } from '../helpers.ts';

describe('report.html', () => {
  it('is one self-contained page: nothing it refers to is fetched, packed or not', async () => {
    const html = htmlReporter.render(inputOf(await sampleRecords()));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const page of [html, unpacked(html)]) {
      expect(page).not.toMatch(/<(?:script|img|iframe|link|source|audio|video)\b[^>]*\s(?:src|href)=/i);
      expect(page).not.toMatch(/@import|url\(|@font-face/i);
    }
    expect(unpacked(html).match(/<script\b/g)).toHaveLength(1);
    const refs = [...unpacked(html).matchAll(/\s(?:src|href|xlink:href|action|poster|srcset|data)="([^"]*)"/gi)].map((m) => m[1]);
    expect(refs.filter((ref) => ref?.startsWith('histories/'))).toHaveLength(4);
    for (const ref of refs) expect(ref).toMatch(/^(?:#[\w-]+|histories\/[\w.-]+\.jsonl)$/);
    // The one script, then only packed data.
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<script type="application\/octet-stream"/g)).toHaveLength(packsOf(html).size);
  });

  it('shows the matrix, every run with its checks and replay, and draws the runs that did not pass', async () => {
    const input = inputOf(await sampleRecords());
    const html = htmlReporter.render(input);
    expect(html).toContain('<th>dropped-ack</th>');
    expect(html).toMatch(/data-filter="scenario:dropped-ack agent:naive"[^>]*><a href="#runs">0\/1 pass/);
    // The runs and their diagrams are packed; the page unpacks them.
    expect(html).not.toContain('<details class="run ');
    expect(html).not.toContain('<svg class="timeline"');
    const page = unpacked(html);
    expect(page.match(/<details class="run /g)).toHaveLength(4);
    for (const r of input.results.runs) expect(page).toContain(`<code>${r.replay}</code>`);
    // Problems first; both failed runs and one passing run per cell carry a timeline.
    expect(page.indexOf('dropped-ack / naive / seed 1')).toBeLessThan(page.indexOf('dropped-ack / hardened / seed 1'));
    expect(page.match(/<svg class="timeline"/g)).toHaveLength(4);
    expect(page).toContain('fault drop-reply: committed; reply dropped');
    expect(page).toContain('<h4>Ledger of effects</h4>');
    expect(page).toContain('<summary>evidence</summary>');
  });

  it('stays readable for thousands of runs: every run listed, at most a bounded number drawn', () => {
    const runs = Array.from({ length: 3_000 }, (_, i) => fakeRun({ seed: i + 1, scenario: `s-${i % 20}`, agent: ['naive', 'hardened', 'sdk'][i % 3], verdict: i % 3 === 1 ? 'pass' : 'fail' }));
    const chosen = detailedRuns(runs);
    const failedChosen = [...chosen].filter((r) => r.verdict !== 'pass');
    expect(failedChosen).toHaveLength(DETAILED_FAILED_MAX);
    // In turn from every cell: each of the 40 failing cells got 5.
    const perCell = new Map<string, number>();
    for (const r of failedChosen) perCell.set(`${r.scenario}/${r.agent}`, (perCell.get(`${r.scenario}/${r.agent}`) ?? 0) + 1);
    expect([...perCell.values()]).toEqual(Array(40).fill(5));
    expect(chosen.size - failedChosen.length).toBe(20);
    const html = htmlReporter.render(fakeInput(runs));
    expect(unpacked(html).match(/<details class="run /g)).toHaveLength(3_000);
    expect(html.length).toBeLessThan(300_000);
  });

  it('weighs under 2 MB at 10 000 runs, 242 of them drawn (200 that did not pass, a passing one per cell)', async () => {
    const input = replicated(await sampleRecords(), 10_000);
    const html = htmlReporter.render(input);
    const page = unpacked(html);
    expect(page.match(/<details class="run /g)).toHaveLength(10_000);
    expect(page.match(/<svg class="timeline"/g)).toHaveLength(DETAILED_FAILED_MAX + 42);
    console.log(`report.html at 10 000 runs: ${Buffer.byteLength(html)} bytes (${Buffer.byteLength(page)} unpacked)`);
    expect(Buffer.byteLength(html)).toBeLessThan(2_000_000);
  });
});
