import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvReporter } from '../../reports/csv.ts';
import { fakeInput, fakeRun, inputOf, parseCsv, sampleRecords } from './helpers.ts';

describe('results.csv', () => {
  it('has one row per run × check, with the run and check columns', async () => {
    const input = inputOf(await sampleRecords());
    const [header, ...rows] = parseCsv(csvReporter.render(input));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(input.results.runs.reduce((n, r) => n + r.checks.length, 0));
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const failed = rows.find((r) => r[0] === 'dropped-ack' && r[1] === 'naive' && r[6] === 'exactly-once');
    expect(failed).toEqual(['dropped-ack', 'naive', '1', '1', 'fail', '1/1', 'exactly-once', 'fail', expect.stringContaining('committed 2 times'), 'npx faultline run --scenario dropped-ack --agent naive --seed 1']);
    expect(rows.filter((r) => r[6] === 'agent-completes').every((r) => r[7] === 'pass')).toBe(true);
  });

  it('round-trips commas, quotes and line breaks in a message; a run with no check gets one row', () => {
    const message = 'said "done", but\nthe ledger, empty';
    const text = csvReporter.render(fakeInput([fakeRun({ verdict: 'fail', checks: [{ id: 'claims', verdict: 'fail', message }] }), fakeRun({ seed: 2, checks: [] })]));
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.[8]).toBe(message);
    expect(rows[2]).toEqual(['dropped-ack', 'naive', '2', '1', 'pass', '', '', '', '', 'npx faultline run --scenario dropped-ack --agent naive --seed 2']);
    // A run in which no declared fault struck says so on each of its rows.
    const unstruck = parseCsv(csvReporter.render(fakeInput([fakeRun({ faultsStruck: { struck: 0, declared: 2 } })])));
    expect(unstruck.slice(1).every((r) => r[5] === '0/2')).toBe(true);
  });
});
