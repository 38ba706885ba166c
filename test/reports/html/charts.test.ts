import { describe, expect, it } from 'vitest';
import { binsOf, distributions, histogramSvg } from '../../../reports/html/charts.ts';
import { fakeRun } from '../helpers.ts';

describe('charts', () => {
  it('bins one per value when values span few, into at most 24 bins otherwise, counting pass and not pass', () => {
    expect(
      binsOf([
        { value: 2, pass: true },
        { value: 2, pass: false },
        { value: 4, pass: true },
      ]),
    ).toEqual([
      { from: 2, to: 2, pass: 1, notPass: 1 },
      { from: 3, to: 3, pass: 0, notPass: 0 },
      { from: 4, to: 4, pass: 1, notPass: 0 },
    ]);
    const wide = binsOf(Array.from({ length: 101 }, (_, i) => ({ value: i, pass: i % 2 === 0 })));
    expect(wide.length).toBeLessThanOrEqual(24);
    expect(wide.reduce((n, b) => n + b.pass + b.notPass, 0)).toBe(101);
    expect(binsOf([])).toEqual([]);
  });

  it('draws a histogram per agent for tool calls and model turns', () => {
    const runs = [fakeRun({ agent: 'naive', verdict: 'fail' }), fakeRun({ agent: 'hardened', seed: 2 })];
    const html = distributions(runs, [
      { key: 'toolCalls', label: 'Tool calls' },
      { key: 'modelTurns', label: 'Model turns' },
    ]);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(4);
    expect(html).toContain('<figcaption>Tool calls per run</figcaption>');
    expect(html).toContain('naive: n=1, median 2');
    expect(histogramSvg('t', [{ value: 3, pass: false }])).toContain('class="bar-fail"');
  });
});
