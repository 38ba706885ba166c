import { describe, expect, it } from 'vitest';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { scenarioCases, scenarioTests } from '../../../harness/vitest/index.ts';

describe('scenarioCases', () => {
  it('is every scenario × agent × seed in that order, each with its test name', () => {
    const cases = scenarioCases({ scenarios: ['dropped-ack', 'string-coercion'], agents: ['naive', hardened], seeds: 2 });
    expect(cases.map((c) => c.name)).toEqual([
      'dropped-ack × naive × seed 1',
      'dropped-ack × naive × seed 2',
      'dropped-ack × hardened × seed 1',
      'dropped-ack × hardened × seed 2',
      'string-coercion × naive × seed 1',
      'string-coercion × naive × seed 2',
      'string-coercion × hardened × seed 1',
      'string-coercion × hardened × seed 2',
    ]);
    expect(cases[2]).toEqual({ name: 'dropped-ack × hardened × seed 1', scenario: 'dropped-ack', agent: hardened, seed: 1, trial: 1 });
  });

  it('takes single values, a list of seeds and a trial', () => {
    expect(scenarioCases({ scenarios: 'dropped-ack', agents: 'hardened', seeds: [4, 7], trial: 2 }).map((c) => c.name)).toEqual(['dropped-ack × hardened × seed 4 × trial 2', 'dropped-ack × hardened × seed 7 × trial 2']);
    expect(scenarioCases({ scenarios: 'test/fixtures/scenarios/first-scenario.ts', agents: 'hardened' }).map((c) => c.name)).toEqual(['test/fixtures/scenarios/first-scenario.ts × hardened × seed 1']);
  });

  it('refuses an unknown scenario or agent, and bad seeds, at once', () => {
    expect(() => scenarioCases({ scenarios: ['dropped-acks'], agents: ['hardened'] })).toThrow(/^\[faultline\] scenarioCases: unknown scenario "dropped-acks"\. Known: /);
    expect(() => scenarioCases({ scenarios: ['dropped-ack'], agents: ['hardend'] })).toThrow(/scenarioCases: unknown agent "hardend"\. Use one of naive, hardened, sdk-tool-runner/);
    expect(() => scenarioCases({ scenarios: ['dropped-ack'], agents: ['hardened'], seeds: 0 })).toThrow(/scenarioCases: seeds must be an integer N ≥ 1/);
    expect(() => scenarioCases({ scenarios: [], agents: ['hardened'] })).toThrow(/scenarioCases: scenarios is empty/);
  });
});

describe('scenarioTests', () => {
  const seen: string[] = [];
  scenarioTests({ scenarios: ['dropped-ack'], agents: ['hardened', 'naive'], seeds: 2 }, (run, context) => {
    seen.push(context.task.name);
    expect(run.scenario).toBe('dropped-ack');
    expect(context.task.name).toBe(`dropped-ack × ${run.agent} × seed ${run.seed}`);
    if (run.agent === 'naive') expect(run).toFailCheck('exactly-once');
    else expect(run).toPass();
  });

  // Declared after them, so it runs after them: tests in a file run in order.
  it('declared one test per scenario × agent × seed, each running its own run', () => {
    expect(seen).toEqual(['dropped-ack × hardened × seed 1', 'dropped-ack × hardened × seed 2', 'dropped-ack × naive × seed 1', 'dropped-ack × naive × seed 2']);
  });
});

describe('scenarioTests with the default body: expect(run).toPass()', () => {
  scenarioTests({ scenarios: 'string-coercion', agents: 'hardened' });
});
