import { describe, expect, it, test } from 'vitest';
import type { Agent } from '../../../../harness/agents/types.ts';
import { CONTRACT } from '../../../../evals/regression/speakers/scenario.ts';
import { shapeNames } from '../../../../evals/regression/speakers/shapes.ts';
import { speakerSuite } from '../../../../evals/regression/speakers/suite.ts';
import { explain } from '../../../../evals/regression/suite.ts';

const rows = speakerSuite.rows();
const rerun = (name: string) => `rerun: npx vitest run test/evals/regression/speakers/suite.test.ts -t "${name}"`;

describe('speaker attribution across response shapes (seed 002 case 5)', () => {
  it('holds the 30 known episodes, spread over every shape the archive has answered in', () => {
    expect(rows).toHaveLength(30);
    for (const shape of shapeNames) expect(rows.filter((r) => r.shape === shape).length, shape).toBeGreaterThanOrEqual(5);
  });

  // The positive control, one test per row: a new row is a new test.
  test.each(rows.map((r) => [`${r.episode} (${r.shape}) × hardened`, r] as const))('%s', async (name, row) => {
    const result = await speakerSuite.runRow(row, 'hardened');
    expect(result.verdict, `${explain(result)}\n${rerun(name)}`).toBe('pass');
    // Withholding is how a drifted row passes, never how a readable one does.
    expect(result.check.message).toMatch(CONTRACT.includes(row.shape) ? /^host .* as known/ : /^no attribution, and rightly/);
  });

  it('naive swaps host and guest on exactly the rows served as a bare array (v2), and on no other', async () => {
    const results = await speakerSuite.run('naive');
    const failed = results.filter((r) => r.verdict !== 'pass');
    expect(failed.map((r) => r.id)).toEqual(rows.filter((r) => r.shape === 'v2').map((r) => r.episode));
    for (const { row, check } of failed) expect(check.message, row.episode).toBe(`swapped: names ${row.guest} as host (the guest); names ${row.host} as guest (the host); known: host ${row.host}, guest ${row.guest}`);
  });

  it('a runtime that never names anyone fails every row: no attribution passes only where a drift was detected', async () => {
    const refuser: Agent = { name: 'refuser', run: async () => ({ text: 'I cannot say who speaks on that episode.' }) };
    const results = await speakerSuite.run(refuser);
    expect(results.filter((r) => r.verdict === 'fail').map((r) => r.id)).toEqual(rows.map((r) => r.episode));
    for (const { check } of results) expect(check.message).toMatch(/^names neither speaker, and no drift excuses it/);
  });
});
