import { describe, expect, it } from 'vitest';
import { loadAgent } from '../../../harness/agents/load.ts';
import { explore, type ExploreOptions, type ExploreResult } from '../../../harness/explore/explore.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import { loadScenarioFile } from '../../../scenarios/load-file.ts';
import { writePinned } from '../../../harness/explore/pin.ts';
import { catalogue } from '../../helpers.ts';
import { outDir } from '../cli/helpers.ts';

async function options(scenarioId: string, agentRef: string, runs: number, seed: number): Promise<Omit<ExploreOptions, 'onRun'>> {
  const scenario = catalogue.get(scenarioId);
  const agent = await loadAgent(agentRef);
  if (!scenario) throw new Error(`no ${scenarioId} / ${agentRef}`);
  return { scenario, agent, agentRef, runs, seed };
}

function counterexample(result: ExploreResult) {
  if (result.outcome !== 'counterexample') throw new Error(`expected a counterexample, got ${result.outcome}`);
  return result;
}

const failedChecks = (result: { record: { checks: Array<{ id: string; verdict: string; message: string }> } }) => result.record.checks.filter((c) => c.verdict === 'fail').map((c) => `${c.id}: ${c.message}`);

describe('explore finds and shrinks counterexamples', () => {
  it('dropped-ack against naive: one lost reply of a committed order is enough', async () => {
    const found = counterexample(await explore(await options('dropped-ack', 'naive', 100, 1)));
    expect(found.case.faults).toEqual([{ fault: 'drop-reply', tool: 'place_order', when: { strike: [1] }, commit: true }]);
    expect(failedChecks(found)).toEqual(['exactly-once: orders/order {"sku":"A1","quantity":40} committed 2 times, intended 1']);
    expect(found.seed).toBe(1);
    expect(found.path).toMatch(/^\d+(:\d+)*$/);
  });

  it('slow-tool against the SDK tool runner: shrinks the delay to just past the 30 s tool timeout', async () => {
    const found = counterexample(await explore(await options('slow-tool', 'sdk-tool-runner', 100, 7)));
    expect(found.case.faults).toEqual([{ fault: 'slow-reply', tool: 'compute_inventory', when: { strike: [1] }, delayMs: 30_001 }]);
    expect(failedChecks(found).map((m) => m.split(':')[0])).toEqual(['timeout-is-error', 'tool-timeout']);
    expect(found.shrinks).toBeGreaterThan(0);
  });

  it('reordered-parallel against naive: shrinks to one swap of adjacent replies', async () => {
    const found = counterexample(await explore(await options('reordered-parallel', 'naive', 100, 3)));
    const order = found.case.faults[0]?.order as number[];
    const moved = order.flatMap((k, i) => (k === i + 1 ? [] : [i]));
    expect(moved).toHaveLength(2);
    expect((moved[1] as number) - (moved[0] as number)).toBe(1);
    expect(failedChecks(found).some((m) => m.startsWith('results-correlated:'))).toBe(true);
  });
});

describe('explore against hardened', () => {
  it.each(['slow-tool', 'reordered-parallel', 'error-after-commit', 'transient-errors'])('%s: no counterexample in 50 cases', async (id) => {
    const result = await explore(await options(id, 'hardened', 50, 1));
    expect(result.outcome).toBe('held');
    expect(result.cases).toBe(50);
  });

  it('runs a scenario with no faults once, not N identical times', async () => {
    const result = await explore(await options('string-coercion', 'hardened', 50, 1));
    expect(result).toMatchObject({ outcome: 'held', cases: 1, executed: 1 });
  });
});

describe('determinism', () => {
  async function trace(seed: number) {
    const runs: string[] = [];
    const result = await explore({ ...(await options('dropped-ack', 'naive', 100, seed)), onRun: (c, record) => runs.push(`${JSON.stringify(c)} ${record.historyDigest}`) });
    return { runs, result: counterexample(result) };
  }

  it('the same seed gives the same cases, the same histories and the same counterexample', async () => {
    const a = await trace(9);
    const b = await trace(9);
    expect(b.runs).toEqual(a.runs);
    expect(b.result.case).toEqual(a.result.case);
    expect(b.result.path).toBe(a.result.path);
    expect(b.result.record.historyDigest).toBe(a.result.record.historyDigest);
    expect((await trace(10)).runs).not.toEqual(a.runs);
  });

  it('the sequence of cases does not depend on --runs', async () => {
    const seen = async (runs: number) => {
      const cases: string[] = [];
      return explore({ ...(await options('slow-tool', 'hardened', runs, 5)), onRun: (c) => cases.push(JSON.stringify(c)) }).then(() => cases);
    };
    const [short, long] = [await seen(10), await seen(30)];
    expect(long.slice(0, short.length)).toEqual(short);
  });
});

describe('a pinned counterexample', () => {
  it('is a scenario file that replays to the same failure, in this process', async () => {
    const found = counterexample(await explore(await options('error-after-commit', 'naive', 100, 4)));
    const { file, replay } = writePinned(
      { scenario: (await options('error-after-commit', 'naive', 1, 4)).scenario, scenarioRef: 'error-after-commit', agentRef: 'naive', case: found.case, record: found.record, seed: 4, path: found.path, runs: 100 },
      outDir(),
    );
    expect(file).toMatch(/error-after-commit-naive-s4\.mjs$/);
    expect(replay).toBe(`npx faultline run --scenario ${file} --agent naive --seed 4`);
    const { scenario, problems } = await loadScenarioFile(file);
    expect(problems).toEqual([]);
    expect(scenario?.id).toBe('error-after-commit-naive-s4');
    expect(scenario?.faults).toEqual(found.case.faults);
    const replayed = await runOne({ scenario: scenario as NonNullable<typeof scenario>, agent: await loadAgent('naive'), agentRef: 'naive', seed: 4, trial: 1 });
    expect(replayed.checks.map((c) => [c.id, c.verdict, c.message])).toEqual(found.record.checks.map((c) => [c.id, c.verdict, c.message]));
  });
});
