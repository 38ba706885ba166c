import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario, type ScenarioRun } from '../../../harness/vitest/index.ts';
import { failureOf } from './helpers.ts';

// One hardened run (the positive control) and one naive run (the negative control) per scenario.
const runs: Record<string, { hardened: ScenarioRun; naive: ScenarioRun }> = {};
beforeAll(async () => {
  for (const scenario of ['dropped-ack', 'string-coercion', 'permanent-error']) runs[scenario] = { hardened: await runScenario(scenario, 'hardened'), naive: await runScenario(scenario, 'naive') };
  // Seed 4: the model gives up its invented tool after the first rejection and calls the real one.
  runs['hallucinated-tool'] = { hardened: await runScenario('hallucinated-tool', 'hardened', { seed: 4 }), naive: await runScenario('hallucinated-tool', 'naive', { seed: 4 }) };
});
const of = (scenario: string) => runs[scenario]!;
const replayOf = (scenario: string, agent: string) => `replay: npx faultline run --scenario ${scenario} --agent ${agent} --seed 1`;

describe('toPass', () => {
  it('passes on a hardened run', () => {
    expect(of('dropped-ack').hardened).toPass();
    expect(of('string-coercion').hardened).toPass();
  });

  it('fails on a naive run, listing each failing check with its message, then the replay command', () => {
    expect(() => expect(of('dropped-ack').naive).toPass()).toThrow(/exactly-once/);
    const message = failureOf(() => expect(of('string-coercion').naive).toPass());
    expect(message).toMatch(/^expected string-coercion × naive × seed 1 to pass every check; 3 of 10 did not:\n/);
    expect(message).toMatch(/\n {2}✗ valid-arguments \(fail\): compute_inventory received .*"daily_units":"10"/);
    expect(message).toMatch(/\n {2}✗ known-answer \(fail\): reply lacks \["2,300 case packs"\]/);
    expect(message).not.toMatch(/agent-completes/);
    expect(message.split('\n').at(-1)).toBe(replayOf('string-coercion', 'naive'));
  });

  it('.not passes on a naive run and fails on a hardened one, naming the checks that passed', () => {
    expect(of('dropped-ack').naive).not.toPass();
    expect(failureOf(() => expect(of('dropped-ack').hardened).not.toPass())).toBe(
      `expected dropped-ack × hardened × seed 1 not to pass, but every check passed (exactly-once, agent-completes, deployment-has-tools, goal, bounded-retries, tool-timeout, loop-deadline, tool-budget, token-budget)\n${replayOf('dropped-ack', 'hardened')}`,
    );
  });

  it('refuses what is not a run, and a run not awaited', () => {
    expect(() => expect({ verdict: 'pass' }).toPass()).toThrow(/\[faultline\] toPass: expected a run from runScenario\(\).*got an object with keys verdict/);
    expect(() => expect(runScenario('dropped-ack', 'hardened')).toPass()).toThrow(/toPass: received a Promise; await runScenario\(…\) first/);
  });
});

describe('toPassCheck and toFailCheck', () => {
  it('toPassCheck passes on a hardened run and fails on a naive one with the check message and the replay', () => {
    expect(of('dropped-ack').hardened).toPassCheck('exactly-once');
    expect(failureOf(() => expect(of('dropped-ack').naive).toPassCheck('exactly-once'))).toBe(
      `expected dropped-ack × naive × seed 1 to pass check exactly-once, but it failed: orders/order {"sku":"A1","quantity":40} committed 2 times, intended 1\n${replayOf('dropped-ack', 'naive')}`,
    );
  });

  it('toFailCheck passes on a naive run (the negative control) and fails on a hardened one', () => {
    expect(of('dropped-ack').naive).toFailCheck('exactly-once');
    expect(of('string-coercion').naive).toFailCheck('valid-arguments');
    const message = failureOf(() => expect(of('string-coercion').hardened).toFailCheck('valid-arguments'));
    expect(message).toMatch(/^expected string-coercion × hardened × seed 1 to fail check valid-arguments, but it passed: /);
    expect(message).toContain(replayOf('string-coercion', 'hardened'));
  });

  it('.not works both ways', () => {
    expect(of('dropped-ack').hardened).not.toFailCheck('exactly-once');
    expect(of('dropped-ack').naive).not.toPassCheck('exactly-once');
    expect(() => expect(of('dropped-ack').naive).not.toFailCheck('exactly-once')).toThrow(/not to fail check exactly-once, but it failed: /);
  });

  it('a check the run does not have is an error, even under .not, listing the checks it has', () => {
    for (const assertion of [() => expect(of('dropped-ack').hardened).toPassCheck('exactly_once'), () => expect(of('dropped-ack').hardened).not.toFailCheck('exactly_once')])
      expect(assertion).toThrow('has no check "exactly_once"; its checks: exactly-once, agent-completes');
  });
});

describe('toHaveEffectsExactlyOnce', () => {
  it('passes on a hardened run: its retry carried the idempotency key, one order committed', () => {
    expect(of('dropped-ack').hardened).toHaveEffectsExactlyOnce();
    expect(of('string-coercion').hardened).toHaveEffectsExactlyOnce();
  });

  it('fails on a naive run, with each duplicated effect, the commits and their virtual times', () => {
    const message = failureOf(() => expect(of('dropped-ack').naive).toHaveEffectsExactlyOnce());
    expect(message).toMatch(
      /^expected dropped-ack × naive × seed 1 to commit each effect exactly once; the ledger says:\n {2}✗ orders\/order \{"sku":"A1","quantity":40\} committed 2 times, intended 1 \(req_\d+ at \d+ ms, req_\d+ at \d+ ms\)\n/,
    );
    expect(message.split('\n').at(-1)).toBe(replayOf('dropped-ack', 'naive'));
  });

  it('.not fails on a clean ledger', () => {
    expect(() => expect(of('dropped-ack').hardened).not.toHaveEffectsExactlyOnce()).toThrow(/not to have each effect exactly once, but its 1 commit\(s\) are each as intended/);
  });
});

describe('toHaveCalledTool', () => {
  it('passes on a hardened run that stops at a permanent error, and fails on a naive one that retried it', () => {
    expect(of('permanent-error').hardened).toHaveCalledTool('lookup_customer', 1);
    expect(of('permanent-error').hardened).toHaveCalledTool('list_orders');
    const message = failureOf(() => expect(of('permanent-error').naive).toHaveCalledTool('lookup_customer', 1));
    expect(message).toMatch(/^expected permanent-error × naive × seed 1 to call lookup_customer 1 time; it called it 50 times \(req_1 at \d+ ms → fail 404, /);
    expect(message).toMatch(/; the model asked for it 1 time\n {2}tool calls in all: lookup_customer ×50, list_orders ×50\n/);
    expect(message.split('\n').at(-1)).toBe(replayOf('permanent-error', 'naive'));
  });

  it('without a count: at least once; a tool the model invented never reaches a service', () => {
    expect(of('hallucinated-tool').hardened).toHaveCalledTool('lookup_product');
    expect(() => expect(of('hallucinated-tool').naive).toHaveCalledTool('lookup_product')).toThrow(/to call lookup_product at least once; it called it 0 times; the model asked for it 0 times/);
  });

  it('names the scenario tools when the name is not one of them, and checks its arguments', () => {
    expect(of('dropped-ack').hardened).not.toHaveCalledTool('place-order');
    expect(() => expect(of('dropped-ack').hardened).toHaveCalledTool('place-order')).toThrow(/the scenario has no tool place-order; its tools: place_order/);
    expect(() => expect(of('dropped-ack').hardened).toHaveCalledTool('place_order', -1)).toThrow(/\[faultline\] toHaveCalledTool: times must be an integer ≥ 0/);
  });

  it('.not fails naming the calls', () => {
    expect(() => expect(of('dropped-ack').naive).not.toHaveCalledTool('place_order', 2)).toThrow(/not to call place_order 2 times; it called it 2 times \(req_1 at \d+ ms → info, req_2 at \d+ ms → ok 201\)/);
  });
});

describe('asymmetric use', () => {
  it('expect.toPass() matches inside another assertion', () => {
    expect([of('dropped-ack').hardened]).toEqual([expect.toPass()]);
    expect(() => expect([of('dropped-ack').naive]).toEqual([expect.toPass()])).toThrow();
  });
});
