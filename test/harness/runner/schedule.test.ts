import { describe, expect, it } from 'vitest';
import { expectedTurns, longestFirst } from '../../../harness/runner/schedule.ts';
import { runIsolated } from '../../../harness/runner/supervisor.ts';
import { catalogue } from '../../helpers.ts';

describe('longest first', () => {
  it('puts the scenarios whose persona does not stop on its own first, request order among equals', () => {
    const long = ['runaway-loop', 'pagination-loop', 'hallucinated-tool'];
    for (const id of long) expect(expectedTurns(catalogue.get(id)!)).toBeGreaterThan(100);
    const requests = [...catalogue.keys()].map((scenario) => ({ scenario }));
    const order = longestFirst(requests, catalogue).map((i) => requests[i]!.scenario);
    expect(new Set(order.slice(0, 3))).toEqual(new Set(long));
    expect(order.slice(3).filter((id) => expectedTurns(catalogue.get(id)!) === 2)).toEqual([...catalogue.keys()].filter((id) => expectedTurns(catalogue.get(id)!) === 2));
  });

  it('runs a long run before the short ones asked for first, and returns the records in request order', async () => {
    const requests = [
      { scenario: 'dropped-ack', agent: 'hardened', seed: 1, trial: 1 },
      { scenario: 'string-coercion', agent: 'hardened', seed: 1, trial: 1 },
      { scenario: 'runaway-loop', agent: 'hardened', seed: 1, trial: 1 },
    ];
    const finished: string[] = [];
    const records = await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, concurrency: 1, onRecord: (r) => finished.push(r.scenario) });
    expect(finished).toEqual(['runaway-loop', 'dropped-ack', 'string-coercion']);
    expect(records.map((r) => r.scenario)).toEqual(['dropped-ack', 'string-coercion', 'runaway-loop']);
  });
});
