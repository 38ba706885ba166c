import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgent } from '../../../harness/agents/load.ts';
import { PINNED_DIR, readPinHeader } from '../../../harness/explore/pin.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import { loadScenarioFile } from '../../../scenarios/load-file.ts';
import { isProblem } from '../../../evals/checkers/types.ts';

const files = readdirSync(PINNED_DIR)
  .filter((f) => f.endsWith('.mjs'))
  .sort();

/** The reference runtime: every pinned case, whoever it was found against, is one it must survive. */
const REFERENCE = 'hardened';

const runs = new Map<string, Promise<RunRecord>>();
/** One run of a pinned file by `agentRef` at the pin's seed, shared by the tests of this file. */
function replay(file: string, agentRef: string): Promise<RunRecord> {
  const key = `${file} ${agentRef}`;
  if (!runs.has(key))
    runs.set(
      key,
      (async () => {
        const path = join(PINNED_DIR, file);
        const { seed } = readPinHeader(readFileSync(path, 'utf8'));
        const { scenario, problems } = await loadScenarioFile(path);
        if (!scenario) throw new Error(`${path} does not validate: ${problems.join('; ')}`);
        return runOne({ scenario, agent: await loadAgent(agentRef), agentRef, seed, trial: 1 });
      })(),
    );
  return runs.get(key)!;
}

// A check with nothing to judge in the run (not-applicable) is not short of passing.
const notPassed = (record: RunRecord) => record.checks.filter(isProblem).map((c) => `${c.id} ${c.verdict}: ${c.message}`);

describe(`pinned counterexamples (${PINNED_DIR})`, () => {
  it('are there', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s validates, and its agent still fails the checks it was pinned for — or, once marked Fixed, passes every check', async (file) => {
    const path = join(PINNED_DIR, file);
    const pinned = readPinHeader(readFileSync(path, 'utf8'));
    expect(pinned.scenarioRef).toBe(path);
    expect((await loadScenarioFile(path)).problems).toEqual([]);
    const record = await replay(file, pinned.agentRef);
    if (pinned.fixed) {
      // The regression test of the fix named in the header: the pinned agent must keep passing.
      expect(notPassed(record), `${file} is marked "Fixed: ${pinned.fixed}": ${record.replay}`).toEqual([]);
      return;
    }
    const failed = record.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
    // If this fails because the agent was fixed, keep the file: add "// Fixed: <what changed>" to its header.
    expect(failed, `${file}: ${record.replay}`).toEqual(pinned.failed);
  });

  it.each(files)(`%s is a case the reference runtime (${REFERENCE}) passes`, async (file) => {
    const record = await replay(file, REFERENCE);
    expect(notPassed(record), `${file} against ${REFERENCE}: ${record.replay}`).toEqual([]);
  });
});

describe('readPinHeader', () => {
  const header = (...lines: string[]) => [...lines, 'export default { "id": "x" };', '// Fixed: not in the header', ''].join('\n');
  const replayLine = '// Replay: npx faultline run --scenario evals/regression/pinned/x.mjs --agent naive --seed 7';

  it('reads the failed checks and the replay command, and a Fixed line only from the header', () => {
    expect(readPinHeader(header('// Failed checks:', '//   exactly-once: committed 2 times', '//   agent-completes: no reply', replayLine))).toEqual({
      failed: ['exactly-once', 'agent-completes'],
      scenarioRef: 'evals/regression/pinned/x.mjs',
      agentRef: 'naive',
      seed: 7,
    });
    expect(readPinHeader(header('// Failed checks:', '//   exactly-once: committed 2 times', replayLine, '// Fixed: the runtime now keys its retries.')).fixed).toBe('the runtime now keys its retries.');
  });

  it('refuses a file with no replay line', () => {
    expect(() => readPinHeader(header('// Failed checks:'))).toThrow(/no "\/\/ Replay: npx faultline run/);
  });
});
