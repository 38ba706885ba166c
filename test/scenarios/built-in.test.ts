import { describe, expect, it } from 'vitest';
import { builtInFile, builtInScenario, parsedCatalogue } from '../../scenarios/built-in.ts';
import { loadCatalogue } from '../../scenarios/index.ts';

// What a worker loads: the built-ins its supervisor's process validated with loadCatalogue, parsed, not judged again.
describe('builtInScenario', () => {
  it('gives each scenario exactly as loadCatalogue validated it, parsed once when first asked for', () => {
    for (const [id, scenario] of loadCatalogue()) {
      expect(builtInScenario(id), id).toEqual(scenario);
      expect(builtInScenario(id), id).toBe(builtInScenario(id));
    }
  });

  it('knows no other id: a file path or an unknown id is not a built-in', () => {
    expect(builtInScenario('no-such-scenario')).toBeUndefined();
    expect(builtInScenario(builtInFile('dropped-ack')!)).toBeUndefined();
  });
});

describe('parsedCatalogue', () => {
  it('gives exactly the scenarios loadCatalogue validated, without judging them again', () => {
    expect([...parsedCatalogue()]).toEqual([...loadCatalogue()]);
  });
});
