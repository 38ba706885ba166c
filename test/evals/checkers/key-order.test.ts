import { describe, expect, it } from 'vitest';
import { checkers } from '../../../evals/checkers/index.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory } from '../../../harness/history.ts';
import { catalogue, run } from '../../helpers.ts';
import { reverseKeyOrder } from './helpers.ts';

// Metamorphic, over every scenario and every check: a runtime that sends the model's arguments with
// their keys in another order makes the same calls, so no verdict may change (the call keys of
// bounded-retries, no-retry-permanent, retry-backoff, timeout-is-error… once compared JSON text).
describe.each([...catalogue.keys()])('%s', (id) => {
  it.each(['naive', 'hardened'])('%s: every verdict is the same with the arguments in another key order', async (agent) => {
    const scenario = catalogue.get(id)!;
    const events = parseHistory((await run(id, agent, 1)).history);
    const reordered = reverseKeyOrder(events);
    for (const check of scenario.checks) {
      const checker = checkers[check]!;
      expect(runChecker(checker, scenario, reordered).verdict, check).toBe(runChecker(checker, scenario, events).verdict);
    }
  });
});
