import { describe, expect, it } from 'vitest';
import { DETAILED_FAILED_MAX, detailedRuns, htmlReporter } from '../../../reports/html/index.ts';
import { fakeInput, fakeRun, inputOf, sampleRecords } from '../helpers.ts';

describe('report.html', () => {
  it('is one self-contained page: nothing it refers to is fetched', async () => {
    const html = htmlReporter.render(inputOf(await sampleRecords()));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(?:script|img|iframe|link|source|audio|video)\b[^>]*\s(?:src|href)=/i);
    expect(html).not.toMatch(/@import|url\(|@font-face/i);
    const refs = [...html.matchAll(/\s(?:src|href|xlink:href|action|poster|srcset|data)="([^"]*)"/gi)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^(?:#[\w-]+|histories\/[\w.-]+\.jsonl)$/);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('shows the matrix, every run with its checks and replay, and draws the runs that did not pass', async () => {
    const input = inputOf(await sampleRecords());
    const html = htmlReporter.render(input);
    expect(html).toContain('<th>dropped-ack</th>');
    expect(html).toMatch(/data-filter="scenario:dropped-ack agent:naive"[^>]*><a href="#runs">0\/1 pass/);
    expect(html.match(/<details class="run /g)).toHaveLength(4);
    for (const r of input.results.runs) expect(html).toContain(`<code>${r.replay}</code>`);
    // Problems first; both failed runs and one passing run per cell carry a lazy timeline.
    expect(html.indexOf('dropped-ack / naive / seed 1')).toBeLessThan(html.indexOf('dropped-ack / hardened / seed 1'));
    expect(html.match(/<template class="lazy">/g)).toHaveLength(4);
    expect(html).toContain('fault drop-reply: committed; reply dropped');
    expect(html).toContain('<h4>Ledger of effects</h4>');
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
    expect(html.match(/<details class="run /g)).toHaveLength(3_000);
    expect(html.length).toBeLessThan(6_000_000);
  });
});
