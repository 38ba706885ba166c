import { describe, expect, it } from 'vitest';
import { renderReport } from '../../reports/index.ts';
import type { StoredRun } from '../../harness/runner/record.ts';
import { catalogue, run } from '../helpers.ts';
import minimal from '../../examples/minimal-agent.ts';
import { runOne } from '../../harness/runner/run-one.ts';

// A user's agent is asked for by its module path; every report calls it by its own name, and the
// replay command keeps the path that runs it again.
describe("a user agent's name in the reports", () => {
  it('labels the matrix, the failures and the testcases with the name; the replay command keeps the path', async () => {
    const record = await runOne({ scenario: catalogue.get('string-coercion')!, agent: { ...minimal, run: async () => ({ text: 'nothing' }) }, agentRef: './examples/minimal-agent.ts', seed: 1, trial: 1 });
    expect(record).toMatchObject({ agent: './examples/minimal-agent.ts', agentName: 'minimal', verdict: 'fail' });
    expect(record.replay).toContain('--agent ./examples/minimal-agent.ts');
    const { history: _history, ...stored } = record;
    const runs = [{ ...stored, historyFile: 'h.jsonl' } as StoredRun];
    const input = { results: { format: 'faultline.results/1' as const, createdBy: 'test', runs }, history: () => [] };
    expect(renderReport('md', input)).toContain('| scenario | minimal |');
    expect(renderReport('md', input)).toContain('**string-coercion / minimal / seed 1**');
    expect(renderReport('junit', input)).toContain('name="minimal seed 1"');
    expect(renderReport('html', input)).toContain('<th>minimal</th>');
    // A bundled runtime is asked for by its name: nothing more is recorded.
    expect((await run('string-coercion', 'hardened', 1)).agentName).toBeUndefined();
  });
});

describe("a gate's junit.xml", () => {
  it('fails a testcase for each lint finding and each run that never came back', () => {
    const input = {
      results: { format: 'faultline.results/1' as const, createdBy: 'test', runs: [] },
      history: () => [],
      gate: { passed: false, headline: 'gate: FAILED', regressions: [], improved: [], lint: ['prompt.md:9: [unknown-tool] …'], missing: ['dropped-ack seed 1 trial 2'], known: () => undefined },
    };
    const junit = renderReport('junit', input);
    expect(junit).toMatch(/<testsuites name="faultline" tests="2" failures="2"/);
    expect(junit).toContain('<failure type="lint"');
    expect(junit).toContain('<failure type="missing run" message="dropped-ack seed 1 trial 2">');
    expect(renderReport('md', input)).toContain('### Missing runs (1)');
  });
});
