import { describe, expect, it } from 'vitest';
import { UsageError } from '../../harness/errors.ts';
import { jsonReporter } from '../../reports/json.ts';
import { parseResults } from '../../reports/schema.ts';
import { fakeInput, fakeRun, inputOf, sampleRecords } from './helpers.ts';

const parse = (value: unknown) => () => parseResults(typeof value === 'string' ? value : JSON.stringify(value), 'out/results.json');

describe('parseResults', () => {
  it('accepts what the json reporter writes for real runs, unchanged', async () => {
    const input = inputOf(await sampleRecords());
    const text = jsonReporter.render(input);
    expect(parseResults(text, 'results.json')).toEqual(input.results);
  });

  it('keeps fields added within version 1', () => {
    const results = { ...fakeInput([fakeRun({ ...({ note: 'kept' } as object) })]).results, mergedFrom: ['a', 'b'] };
    const parsed = parseResults(JSON.stringify(results), 'r.json') as unknown as { mergedFrom: string[]; runs: Array<{ note: string }> };
    expect(parsed.mergedFrom).toEqual(['a', 'b']);
    expect(parsed.runs[0]?.note).toBe('kept');
  });

  it.each([
    ['text that is not JSON', 'hello', /out\/results\.json: not JSON .*expected a faultline results file \(format "faultline\.results\/1"/],
    ['JSON without a format', { runs: [] }, /out\/results\.json: not faultline results \(no "format"/],
    ['an array', [1, 2], /not faultline results/],
    ['another format version', { format: 'faultline.results/2', createdBy: 'x', runs: [] }, /out\/results\.json: format "faultline\.results\/2" is not one this faultline reads; expected "faultline\.results\/1"/],
  ])('refuses %s with a UsageError naming the file and what was expected', (_what, value, message) => {
    expect(parse(value)).toThrow(UsageError);
    expect(parse(value)).toThrow(message);
  });

  it('lists the fields that do not match, with their paths', () => {
    const run = { ...fakeRun(), verdict: 'maybe', metrics: { ...fakeRun().metrics, toolCalls: -1 } };
    const error = (() => {
      try {
        parse({ ...fakeInput([]).results, runs: [fakeRun(), run] })();
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(/^\[faultline\] out\/results\.json: does not match faultline\.results\/1/);
    expect(error?.message).toContain('out/results.json: runs.1.verdict:');
    expect(error?.message).toContain('out/results.json: runs.1.metrics.toolCalls:');
  });
});
