import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../../harness/runner/record.ts';
import { htmlReporter } from '../../reports/html/index.ts';
import { junitReporter } from '../../reports/junit.ts';
import { markdownReporter } from '../../reports/markdown.ts';
import { unstruckMark } from '../../reports/matrix.ts';
import { parseResults, resultsSchema } from '../../reports/schema.ts';
import type { GateDecision } from '../../reports/types.ts';
import { fakeInput, fakeRun, parseXml, unpacked } from './helpers.ts';

const NOT_JUDGED = { id: 'exactly-once', verdict: 'not-applicable' as const, message: "nothing to judge: the scenario's one fault never struck in this run" };
/** A run in which the scenario's one fault never struck: it passes, its primary check set aside. */
const unstruck = (over: Partial<StoredRun> = {}) => fakeRun({ seed: 2, verdict: 'pass', checks: [NOT_JUDGED], faultsStruck: { struck: 0, declared: 1 }, ...over });
const struck = fakeRun({ seed: 1, verdict: 'pass', faultsStruck: { struck: 1, declared: 1 } });
const failed = fakeRun({ seed: 3, verdict: 'fail', faultsStruck: { struck: 1, declared: 1 } });

describe('a run in which no declared fault struck, in every report', () => {
  it('is marked "faults struck 0 of N", and only such a run', () => {
    expect(unstruckMark(unstruck())).toBe('faults struck 0 of 1');
    expect(unstruckMark(unstruck({ faultsStruck: { struck: 0, declared: 3 } }))).toBe('faults struck 0 of 3');
    expect(unstruckMark(struck)).toBeUndefined();
    expect(unstruckMark(fakeRun())).toBeUndefined();
  });

  it('report.html: on the run, in the totals, findable by the filter; a struck run shows its count in its metrics', () => {
    const html = unpacked(htmlReporter.render(fakeInput([struck, unstruck(), failed])));
    expect(html.match(/<span class="unstruck"[^>]*>faults struck 0 of 1<\/span>/g)).toHaveLength(1);
    expect(html).toContain('1 run(s) in which no declared fault struck');
    expect(html).toMatch(/data-key="dropped-ack naive seed-2 unstruck"/);
    expect(html).toContain('out tokens · faults struck 1 of 1');
    expect(htmlReporter.render(fakeInput([struck]))).not.toContain('no declared fault struck');
  });

  it('summary.md: a section lists the runs, with the check that judged nothing, passed or not', () => {
    const md = markdownReporter.render(fakeInput([struck, unstruck(), failed, unstruck({ seed: 4, verdict: 'fail', checks: [NOT_JUDGED, { id: 'goal', verdict: 'fail', message: 'no' }] })]));
    expect(md).toContain('### Faults never struck (2)');
    expect(md).toContain('- ✅ **dropped-ack / naive / seed 2** — faults struck 0 of 1: `exactly-once` not judged');
    expect(md).toContain('- ❌ **dropped-ack / naive / seed 4** — faults struck 0 of 1');
    // A failed run says it too, where its failure is listed.
    expect(md).toContain('- ❌ **dropped-ack / naive / seed 4** (faults struck 0 of 1) — `goal` fail: no');
    expect(markdownReporter.render(fakeInput([struck, unstruck()]))).toMatch(/Every check held\.\n\n### Faults never struck \(1\)/);
    expect(markdownReporter.render(fakeInput([struck, failed]))).not.toContain('Faults never struck');
  });

  it('summary.md of a gate lists them too', () => {
    const gate: GateDecision = { passed: true, headline: 'gate: passed', regressions: [], improved: [], lint: [], missing: [], known: () => undefined };
    const md = markdownReporter.render({ ...fakeInput([struck, unstruck()]), gate });
    expect(md).toContain('### Faults never struck (1)');
    expect(md).toContain('**dropped-ack / naive / seed 2** — faults struck 0 of 1');
  });

  it('junit.xml: a property of the testcase, passed or failed; other testcases unchanged', () => {
    const root = parseXml(junitReporter.render(fakeInput([struck, unstruck(), unstruck({ seed: 4, verdict: 'fail', checks: [NOT_JUDGED, { id: 'goal', verdict: 'fail', message: 'no' }] })])));
    const [plain, passed, failing] = root.children.flatMap((s) => s.children);
    expect(plain?.children).toEqual([]);
    for (const c of [passed, failing]) {
      const properties = c?.children.find((e) => e.name === 'properties');
      expect(properties?.children.map((p) => p.attrs)).toEqual([{ name: 'faultline.faultsStruck', value: 'faults struck 0 of 1' }]);
    }
    expect(failing?.children.map((e) => e.name)).toEqual(['properties', 'failure', 'system-out']);
    // A pass that tested nothing is skipped, never a passed test, and counted so.
    expect(passed?.children.map((e) => e.name)).toEqual(['properties', 'skipped']);
    expect(passed?.children.find((e) => e.name === 'skipped')?.attrs.message).toBe('faults struck 0 of 1: nothing was tested');
    expect(root.attrs.skipped).toBe('1');
  });

  it('the matrix of summary.md and report.html: n/a where every run passed with nothing struck, never a pass rate', () => {
    const md = markdownReporter.render(fakeInput([unstruck(), unstruck({ seed: 3 }), fakeRun({ agent: 'hardened' })]));
    expect(md).toMatch(/\| dropped-ack \| n\/a \(no fault struck in 2\) \| ✅ 1\/1 \(100%\) \|/);
    const html = unpacked(htmlReporter.render(fakeInput([unstruck(), fakeRun({ agent: 'hardened' })])));
    expect(html).toMatch(/<td class="empty" title="dropped-ack × naive: none of the scenario&#39;s faults struck in 1 run\(s\): nothing was tested">n\/a<small>no fault struck<\/small><\/td>/);
    // Nor in the totals: a pass that tested nothing is counted apart, and nothing "held".
    const none = markdownReporter.render(fakeInput([unstruck(), unstruck({ seed: 3 })]));
    expect(none).toContain('## faultline: 2 run(s): 0 pass, 0 fail, 0 error, 2 tested nothing (no fault struck)');
    expect(none).toContain('No run tested anything: no declared fault struck.');
    expect(none).not.toContain('Every check held');
    expect(unpacked(htmlReporter.render(fakeInput([unstruck(), unstruck({ seed: 3 })])))).toContain('<td>all scenarios</td><td>n/a</td>');
    // A cell with a struck run counts that one, and names the other n/a; one that did not pass counts as usual.
    expect(markdownReporter.render(fakeInput([unstruck(), struck]))).toContain('✅ 1/1 (100%) · 1 n/a');
    expect(markdownReporter.render(fakeInput([unstruck(), unstruck({ seed: 3, verdict: 'fail', checks: [NOT_JUDGED, { id: 'goal', verdict: 'fail', message: 'no' }] })]))).toContain('❌ 0/1 (0%) · 1 n/a');
  });
});

describe('faultsStruck in results.json', () => {
  const file = (runs: unknown[]) => JSON.stringify({ format: 'faultline.results/1', createdBy: 'test', runs });
  it('is optional, and read back as written', () => {
    const results = parseResults(file([unstruck(), fakeRun()]), 'results.json');
    expect(results.runs[0]?.faultsStruck).toEqual({ struck: 0, declared: 1 });
    expect(results.runs[1]).not.toHaveProperty('faultsStruck');
  });

  it('is refused when it is not a count of declared faults', () => {
    for (const faultsStruck of [{ struck: 2, declared: 1 }, { struck: 0, declared: 0 }, { struck: -1, declared: 1 }, { struck: 0 }, '0 of 1'])
      expect(resultsSchema.safeParse(JSON.parse(file([fakeRun({ faultsStruck } as never)]))).success, JSON.stringify(faultsStruck)).toBe(false);
  });
});
