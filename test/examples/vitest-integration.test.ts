// test/examples/vitest-integration.test.ts: one vitest test per scenario × agent × seed.
import { describe, expect } from 'vitest';
import { scenarioTests } from 'faultline/vitest';

describe('hardened survives a lost acknowledgement and a coerced argument', () => {
  scenarioTests({ scenarios: ['dropped-ack', 'string-coercion'], agents: ['hardened'], seeds: 3 }, (run) => {
    expect(run).toPass();
    expect(run).toHaveEffectsExactlyOnce();
  });
});
