// test/examples/minimal-agent.test.ts: the "bring your own agent" example passes the whole catalogue.
import { describe, expect, it } from 'vitest';
import minimal from '../../examples/minimal-agent.ts';
import { catalogue, run, SEEDS } from '../helpers.ts';

// A runtime written from the agent contract alone (not from the bundled hardened one) passes every
// scenario on every seed: the checks judge the contract, not one runtime's way of meeting it.
describe('examples/minimal-agent.ts', () => {
  it.each([...catalogue.keys()])('%s: every run passes on seeds 1..20', async (id) => {
    for (const seed of SEEDS) {
      const record = await run(id, minimal, seed);
      const problems = record.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'unknown').map((c) => `${c.id}: ${c.message}`);
      expect(record.verdict, `seed ${seed}: ${problems.join('; ')}`).toBe('pass');
    }
  });
});
