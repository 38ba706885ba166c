import { beforeAll, describe, expect, it } from 'vitest';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { naive } from '../../../harness/agents/naive.ts';
import type { Generated } from '../../../harness/generate/index.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import type { Scenario } from '../../../scenarios/schema.ts';
import { generateAndLoad, heldEverything, runUntilPrimaryFails, runMatrix, table } from './helpers.ts';

// The catalogue's own deployment: scenarios/tools.ts and the built-in services, seeded with their examples.
const SEEDS = [1, 2];
let generated: Generated;
let scenarios: Scenario[];
let naiveRuns: RunRecord[];
let hardenedRuns: RunRecord[];

beforeAll(async () => {
  ({ generated, scenarios } = await generateAndLoad({ toolsFile: 'scenarios/tools.ts', serviceFiles: [], seed: 1 }));
  naiveRuns = await runUntilPrimaryFails(scenarios, naive, 'naive', SEEDS);
  hardenedRuns = await runMatrix(scenarios, hardened, 'hardened', SEEDS);
});

describe('faultline generate for the catalogue deployment', () => {
  it('writes every case of the matrix that can work, and says why it skips the rest', () => {
    // 3 effectful tools × 2, 9 read tools × 5, 5 numeric arguments, the unknown tool and the runaway loop.
    expect(generated.files.length + generated.skipped.length).toBe(3 * 2 + 9 * 5 + 5 + 2);
    expect(generated.files).toHaveLength(51);
    expect(scenarios).toHaveLength(51);
    expect(generated.skipped.map((s) => `${s.summary}: ${s.why}`)).toEqual([
      expect.stringMatching(/^list_orders × reordered parallel replies: no two planned calls are answered differently/),
      expect.stringMatching(/^list_orders × transient 429\/503 with Retry-After: its reply in the example world holds no value .*\{"orders":\[\]\}/),
      expect.stringMatching(/^list_orders × slow reply past the timeout: its reply in the example world holds no value/),
      expect.stringMatching(/^list_products\.page × number sent as a string: a GET sends its arguments as query text/),
      expect.stringMatching(/^list_volumes × reordered parallel replies: it takes no arguments/),
      expect.stringMatching(/^delete_volume × lost reply after commit: sent twice without an Idempotency-Key it commits once \(the repeat got 404/),
      expect.stringMatching(/^delete_volume × 5xx after commit: sent twice without an Idempotency-Key it commits once/),
    ]);
  });

  it("fails the naive control on every scenario's primary check", () => {
    console.log(`naive (seeds ${SEEDS.join(', ')} until the primary check fails):\n${table(scenarios, naiveRuns)}`);
    for (const scenario of scenarios) {
      const verdicts = naiveRuns.filter((r) => r.scenario === scenario.id).map((r) => r.checks.find((c) => c.id === scenario.primaryCheck)?.verdict);
      expect(verdicts, `${scenario.id}: ${scenario.primaryCheck}`).toContain('fail');
    }
  });

  it('passes every check with the hardened control', () => {
    expect(hardenedRuns).toHaveLength(scenarios.length * SEEDS.length);
    expect(hardenedRuns.flatMap((r) => heldEverything(r, scenarios.find((s) => s.id === r.scenario)!))).toEqual([]);
  });
});
