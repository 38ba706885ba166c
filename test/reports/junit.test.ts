import { describe, expect, it } from 'vitest';
import { junitReporter, xmlAttr, xmlText } from '../../reports/junit.ts';
import { fakeInput, fakeRun, inputOf, parseXml, sampleRecords } from './helpers.ts';

describe('junit.xml', () => {
  it('is one testcase per scenario × agent × seed; a failure carries the check, its message and the replay', async () => {
    const input = inputOf(await sampleRecords());
    const root = parseXml(junitReporter.render(input));
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ name: 'faultline', tests: '4', failures: '2', errors: '0' });
    expect(root.children.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures])).toEqual([
      ['dropped-ack', '2', '1'],
      ['reordered-parallel', '2', '1'],
    ]);
    const cases = root.children.flatMap((s) => s.children);
    expect(cases.map((c) => `${c.attrs.classname} ${c.attrs.name}`)).toEqual([
      'faultline.dropped-ack naive seed 1',
      'faultline.dropped-ack hardened seed 1',
      'faultline.reordered-parallel naive seed 1',
      'faultline.reordered-parallel hardened seed 1',
    ]);
    for (const c of cases) expect(Number(c.attrs.time)).toBeGreaterThanOrEqual(0);
    const failure = cases[0]?.children.find((c) => c.name === 'failure');
    expect(failure?.attrs.type).toBe('exactly-once');
    expect(failure?.attrs.message).toMatch(/^exactly-once: orders\/order \{"sku":"A1","quantity":40\} committed 2 times, intended 1$/);
    expect(failure?.text).toContain('replay: npx faultline run --scenario dropped-ack --agent naive --seed 1');
    expect(cases[1]?.children).toEqual([]);
  });

  it('escapes what XML cannot hold as is, and an error verdict is an <error>', () => {
    const message = `<b>"quoted" & 'single'</b>\nline two\u0000\u0007 \uD800 ]]> done`;
    const run = fakeRun({ scenario: 's<&>', agent: 'a"b', verdict: 'error', checks: [{ id: 'x&y', verdict: 'unknown', message }] });
    const root = parseXml(junitReporter.render(fakeInput([run])));
    const testcase = root.children[0]?.children[0];
    expect(root.children[0]?.attrs.name).toBe('s<&>');
    expect(testcase?.attrs.name).toBe('a"b seed 1');
    const error = testcase?.children[0];
    expect(error?.name).toBe('error');
    expect(error?.attrs.message).toBe(`x&y: <b>"quoted" & 'single'</b>\nline two  ]]> done`);
    expect(error?.text).toContain(`x&y unknown: <b>"quoted" & 'single'</b>`);
    expect(xmlText('a\u0001b\uFFFEc')).toBe('abc');
    expect(xmlAttr('tab\there')).toBe('tab&#9;here');
  });
});
