import { beforeAll, describe, expect, it } from 'vitest';
import { runChecker } from '../../../../evals/checkers/types.ts';
import { knownCasePacks } from '../../../../evals/regression/inventory/checker.ts';
import type { ComputationRow } from '../../../../evals/regression/inventory/scenario.ts';
import { inventorySuite } from '../../../../evals/regression/inventory/suite.ts';
import type { Agent } from '../../../../harness/agents/types.ts';
import type { HistoryEvent } from '../../../../harness/history.ts';
import { runScenario, type ScenarioRun } from '../../../../harness/vitest/run.ts';

const row = inventorySuite.rows().find((r) => r.id === 'seed-incident') as ComputationRow;
const saying = (run: ScenarioRun, text: string): HistoryEvent[] => run.events.map((e) => (e.type === 'agent-reply' ? { ...e, text } : e));

describe('known-case-packs reads the reply against the known result', () => {
  let run: ScenarioRun;
  beforeAll(async () => {
    run = await runScenario(inventorySuite.scenario(row), 'hardened');
  });
  const judge = (text: string) => runChecker(knownCasePacks(row), run.definition, saying(run, text));

  it('passes the known count, computed by the service', () => {
    expect(judge('You need 2,300 case packs.')).toMatchObject({ verdict: 'pass', message: '2,300 case packs, as known, computed from {"stores":10,"days":23,"daily_units":10}' });
  });

  it('fails another count, a count that only ends like the known one, two counts, and none', () => {
    expect(judge('You need 230 case packs.').message).toMatch(/^the reply says 230 case packs; known: 2,300 case packs; the inventory service answered \{"case_packs":2300\}/);
    expect(judge('You need 12,300 case packs.').verdict).toBe('fail');
    expect(judge('2,300 case packs, or 230 case packs to be safe.').message).toMatch(/^the reply says 2,300 and 230 case packs/);
    expect(judge('I could not compute it.').message).toMatch(/^the reply states no number of case packs/);
  });
});

describe('known-case-packs judges from the world', () => {
  it('fails the right number when the calculator never computed it (a model that did the sum itself, or guessed)', async () => {
    const mental: Agent = { name: 'mental-arithmetic', run: async () => ({ text: 'You need 2,300 case packs.' }) };
    const run = await runScenario(inventorySuite.scenario({ ...row, asStrings: [] }), mental);
    const result = runChecker(knownCasePacks({ ...row, asStrings: [] }), run.definition, run.events);
    expect(result).toMatchObject({ verdict: 'fail', message: 'the reply says 2,300 case packs, but the inventory service never computed it (it was never called)' });
  });

  it("is unknown when the model never passed the row's figures as text (the row tested nothing)", async () => {
    // The row's scenario with a model that sends integers: the coercion the row is about never happens.
    const scenario = inventorySuite.scenario(row);
    const run = await runScenario({ ...scenario, model: { ...scenario.model, coerceFields: [] } }, 'hardened');
    const result = runChecker(knownCasePacks(row), run.definition, run.events);
    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('the model never passed daily_units as text');
  });
});
