import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgent } from '../../../harness/agents/load.ts';
import { PINNED_DIR } from '../../../harness/explore/pin.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import { loadScenarioFile } from '../../../scenarios/load-file.ts';

const files = readdirSync(PINNED_DIR).filter((f) => f.endsWith('.mjs')).sort();

/** What the header of a pinned file says: the checks that failed and the replay command's agent and seed. */
function header(text: string) {
  const failed = [...text.matchAll(/^\/\/ {3}([a-z0-9-]+): /gm)].map((m) => m[1]);
  const replay = /^\/\/ Replay: npx faultline run --scenario (\S+) --agent (\S+) --seed (-?\d+)$/m.exec(text);
  if (!replay) throw new Error('no replay line');
  return { failed, scenarioRef: replay[1] as string, agentRef: replay[2] as string, seed: Number(replay[3]) };
}

describe(`pinned counterexamples (${PINNED_DIR})`, () => {
  it('are there', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s validates and still fails the checks it was pinned for', async (file) => {
    const path = join(PINNED_DIR, file);
    const pinned = header(readFileSync(path, 'utf8'));
    expect(pinned.scenarioRef).toBe(path);
    const { scenario, problems } = await loadScenarioFile(path);
    expect(problems).toEqual([]);
    const record = await runOne({ scenario: scenario as NonNullable<typeof scenario>, agent: await loadAgent(pinned.agentRef), agentRef: pinned.agentRef, seed: pinned.seed, trial: 1 });
    const failed = record.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
    // If this fails because the agent was fixed, the pin did its job: delete the file (or explore again).
    expect(failed, `${file}: ${record.replay}`).toEqual(pinned.failed);
  });
});
