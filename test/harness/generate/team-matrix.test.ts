import { beforeAll, describe, expect, it } from 'vitest';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { loadAgent } from '../../../harness/agents/load.ts';
import { naive } from '../../../harness/agents/naive.ts';
import { generate, type Generated } from '../../../harness/generate/index.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import type { Scenario } from '../../../scenarios/schema.ts';
import { generateAndLoad, heldEverything, runUntilPrimaryFails, projectOut, runMatrix, table } from './helpers.ts';

// The fixture team project: its own tools, its defineService API and its MSW mail handlers.
const TEAM = 'test/fixtures/team';
const options = { toolsFile: `${TEAM}/tools.ts`, serviceFiles: [`${TEAM}/services/shop.ts`, `${TEAM}/services/mail.ts`], seed: 1 };
const SEEDS = [1, 2];
let generated: Generated;
let scenarios: Scenario[];
const runs: Record<'naive' | 'hardened' | 'team', RunRecord[]> = { naive: [], hardened: [], team: [] };

beforeAll(async () => {
  ({ generated, scenarios } = await generateAndLoad(options));
  runs.naive = await runUntilPrimaryFails(scenarios, naive, 'naive', SEEDS);
  runs.hardened = await runMatrix(scenarios, hardened, 'hardened', SEEDS);
  runs.team = await runMatrix(scenarios, await loadAgent(`${TEAM}/agent.ts`), 'team', SEEDS);
});

describe('faultline generate for a team project', () => {
  it('writes the whole matrix of its three tools', () => {
    expect(generated.skipped).toEqual([]);
    expect(generated.files.map((f) => f.name)).toEqual([
      'lookup-order-reordered-replies.ts',
      'lookup-order-transient-errors.ts',
      'lookup-order-permanent-error.ts',
      'lookup-order-slow-reply.ts',
      'lookup-order-shape-change.ts',
      'refund-order-lost-reply.ts',
      'refund-order-error-after-commit.ts',
      'refund-order-amount-cents-as-string.ts',
      'send-email-lost-reply.ts',
      'send-email-error-after-commit.ts',
      'unknown-tool-call.ts',
      'runaway-tool-loop.ts',
    ]);
  });

  it('writes plain files a team reads: its own imports, its services by path, values its example world knows', () => {
    const refund = generated.files.find((f) => f.name === 'refund-order-lost-reply.ts')!.source;
    expect(refund).toMatch(/^\/\/ refund_order × lost reply after commit: written by faultline generate \(seed 1\)/);
    expect(refund).toContain("import { defineScenario } from 'faultline';");
    expect(refund).toMatch(/import \{ tools \} from '(\.\.\/)+.*test\/fixtures\/team\/tools\.ts';/);
    expect(refund).toContain('tools: [tools.refund_order],');
    expect(refund).toMatch(/serviceFiles: \['(\.\.\/)+.*test\/fixtures\/team\/services\/shop\.ts'\],/);
    // The order the refund reaches is one the shop's example holds for the requesting user.
    expect(refund).toMatch(/input: \{ order_id: 'o-100[12]', amount_cents: \d+ \}/);
    const email = generated.files.find((f) => f.name === 'send-email-lost-reply.ts')!.source;
    expect(email).toMatch(/to: '(ada|bo)@example\.com'/);
  });

  it("fails the naive control on every scenario's primary check", () => {
    console.log(`naive (seeds ${SEEDS.join(', ')} until the primary check fails):\n${table(scenarios, runs.naive)}`);
    for (const scenario of scenarios) {
      const verdicts = runs.naive.filter((r) => r.scenario === scenario.id).map((r) => r.checks.find((c) => c.id === scenario.primaryCheck)?.verdict);
      expect(verdicts, `${scenario.id}: ${scenario.primaryCheck}`).toContain('fail');
    }
  });

  it('passes every check with the hardened control', () => {
    expect(runs.hardened.flatMap((r) => heldEverything(r, scenarios.find((s) => s.id === r.scenario)!))).toEqual([]);
  });

  it("runs the team's own agent through the matrix (reported, not required to pass)", () => {
    console.log(`the team's agent, seeds ${SEEDS.join(', ')}:\n${table(scenarios, runs.team)}`);
    // Judged, not crashed: every run has a verdict from its checks.
    for (const record of runs.team) expect(['pass', 'fail'], `${record.scenario} seed ${record.seed}`).toContain(record.verdict);
  });

  it('writes byte-identical files for the same options, and other arguments for another seed', async () => {
    const outDir = projectOut();
    const [first, second, reseeded] = await Promise.all([generate({ ...options, outDir }), generate({ ...options, outDir }), generate({ ...options, seed: 7, outDir })]);
    expect(second.files).toEqual(first.files);
    expect(reseeded.files.map((f) => f.source)).not.toEqual(first.files.map((f) => f.source));
  });
});
