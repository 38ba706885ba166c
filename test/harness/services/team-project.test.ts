import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAgent } from '../../../harness/agents/load.ts';
import type { Agent } from '../../../harness/agents/types.ts';
import { naive } from '../../../harness/agents/naive.ts';
import { eventsOf, parseHistory } from '../../../harness/history.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import type { Scenario } from '../../../scenarios/schema.ts';
import { resolveScenarios } from '../../../scenarios/load-file.ts';
import { catalogue, check } from '../../helpers.ts';
import { cli, outDir } from '../cli/helpers.ts';

// The fixture team project (test/fixtures/team): its own agent, tools, a defineService API and MSW
// mail handlers, driven as the team drives it. Its scenarios strike its own tools, its agent
// survives them, and the naive control double-refunds and double-sends.
const TEAM = 'test/fixtures/team';
const files = [`${TEAM}/scenarios/refund-lost-reply.ts`, `${TEAM}/scenarios/email-error-after-send.ts`];
const SEEDS = [1, 2, 3];
let scenarios: Scenario[];
let team: Agent;

beforeAll(async () => {
  scenarios = [...(await resolveScenarios(files, catalogue)).values()];
  team = await loadAgent(`${TEAM}/agent.ts`);
});

const runs = (agent: Agent, name: string) => Promise.all(scenarios.flatMap((scenario) => SEEDS.map((seed) => runOne({ scenario, agent, agentRef: name, seed, trial: 1 }))));

describe('a team project with its own services', () => {
  it("strikes the team's own tools, logs them by the team's names, and its agent passes every check", async () => {
    for (const record of await runs(team, 'team')) {
      expect(
        record.checks.filter((c) => c.verdict !== 'pass'),
        `${record.scenario} seed ${record.seed}`,
      ).toEqual([]);
      const events = parseHistory(record.history);
      const struck = new Set(eventsOf(events, 'fault').map((f) => f.target));
      const requests = eventsOf(events, 'tool-request');
      // Faults are keyed by the scenario's tool name and strike that tool's requests, on the team's services.
      expect(requests.filter((r) => struck.has(r.id)).map((r) => r.route)).toEqual([record.scenario === 'refund-lost-reply' ? 'refund_order' : 'send_email']);
      expect(new Set(requests.map((r) => r.service))).toEqual(new Set(record.scenario === 'refund-lost-reply' ? ['shop', 'mail'] : ['mail']));
    }
  });

  it('fails the naive control on exactly-once: a refund and an email each committed twice', async () => {
    for (const record of await runs(naive, 'naive')) {
      expect(check(record, 'exactly-once'), `${record.scenario} seed ${record.seed}`).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/^(shop\/refund|mail\/email) .* committed 2 times, intended 1/) });
    }
  });

  it("gates the team's agent against its committed baseline, and catches the naive agent as a regression", async () => {
    // The naive agent judged by the team's baseline: every path absolute, from a config outside the project.
    const dir = outDir();
    const config = join(dir, 'faultline.config.mjs');
    const abs = (file: string) => resolve(TEAM, file);
    writeFileSync(
      config,
      `export default ${JSON.stringify({ agent: 'naive', scenarios: files.map((f) => resolve(f)), services: [abs('services/shop.ts'), abs('services/mail.ts')], seeds: 3, trials: 1, baseline: abs('baseline.json') })};\n`,
    );
    const [own, control] = await Promise.all([cli('gate', '--config', `${TEAM}/faultline.config.ts`), cli('gate', '--config', config)]);
    expect(own.stdout).toContain('gate: passed — no regression against test/fixtures/team/baseline.json');
    expect(own.code).toBe(0);
    expect(control.stdout).toMatch(/REGRESSED refund-lost-reply/);
    // Its replay commands name the config's services, so each runs as printed.
    expect(control.stdout).toContain(`--agent naive --seed 1 --services ${TEAM}/services/shop.ts,${TEAM}/services/mail.ts`);
    expect(control.stdout).toMatch(/gate: FAILED — \d+ regression\(s\) in 2 scenario\(s\)/);
    expect(control.code).toBe(1);
  });
});
