import { describe, expect, it } from 'vitest';
import { runIsolated } from '../../../harness/runner/supervisor.ts';
import { catalogue, check } from '../../helpers.ts';

describe('runIsolated', () => {
  it('ends an agent that spins synchronously, records it, and runs the rest', async () => {
    const records = await runIsolated(
      [
        { scenario: 'dropped-ack', agent: 'test/fixtures/agents/spins.mjs', seed: 1, trial: 1 },
        { scenario: 'dropped-ack', agent: 'hardened', seed: 1, trial: 1 },
      ],
      catalogue,
      { wallTimeoutMs: 3_000 },
    );
    expect(records).toHaveLength(2);
    expect(check(records[0]!, 'agent-completes')).toMatchObject({ verdict: 'fail', message: expect.stringContaining('blocked the process') });
    expect(check(records[0]!, 'exactly-once')?.verdict).toBe('unknown');
    expect(records[0]!.verdict).toBe('fail');
    expect(records[1]!.verdict).toBe('pass');
  });
});
