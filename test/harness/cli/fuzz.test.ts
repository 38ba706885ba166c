import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../harness/cli/main.ts';
import { parseResults } from '../../../reports/schema.ts';
import { catalogue } from '../../helpers.ts';

// Whatever a user types and whatever their scenario file holds, faultline answers with exit 2 and
// a message, or with a run whose results.json is whole: never a crash, a hang, or half a result.

const dir = mkdtempSync(join(tmpdir(), 'faultline-fuzz-'));
const hostile = (name: string) => resolve(`test/fixtures/hostile/${name}.mjs`);
const valid = structuredClone(catalogue.get('dropped-ack')) as Record<string, unknown>;

/** A scenario file: the dropped-ack scenario with one field (at a random depth) replaced by a random value, or left whole. */
const scenarioFile = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...Object.keys(valid), 'faults', 'limits', 'delayMs', 'latencyMs', 'tools', 'name', 'plan'), fc.nat(2)), { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), fc.nat())
  .map(([path, value, n]) => {
    const scenario = { ...structuredClone(valid), id: `fuzzed-${n}` } as Record<string, unknown>;
    let at: unknown = scenario;
    for (const key of path.slice(0, -1)) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
    if (at !== null && typeof at === 'object' && path.length > 1) (at as Record<string | number, unknown>)[path.at(-1) as string] = value;
    const file = join(dir, `scenario-${n}-${path.join('_').replace(/[^\w]/g, '')}.mjs`);
    writeFileSync(file, `export default ${JSON.stringify(scenario)};\n`);
    return file;
  });

const flag = fc.constantFrom('--seeds', '--seed', '--trial', '--trials', '--agent', '--scenario', '--out', '--reporter', '--wall-timeout-ms', '--concurrency', '--shard', '--model', '--nope', '-x');
const value = fc.oneof(
  fc.constantFrom('', '0', '1', '2', '-3', '2.5', 'NaN', '99999999999', '2147483648', '1/2', '3/2', 'html,md', 'junit,nope', 'scripted', 'live'),
  fc.constantFrom('naive', 'hardened', 'nope', 'naive,naive', 'dropped-ack', 'no-such', hostile('import-exits'), hostile('exits')),
  scenarioFile,
);
// Mostly a flag with a value, as people type them; sometimes a stray word.
const tokens = fc.array(fc.oneof({ weight: 4, arbitrary: fc.tuple(flag, value) }, { weight: 1, arbitrary: fc.tuple(value) }), { maxLength: 4 }).map((parts) => parts.flat());

async function cli(argv: string[]): Promise<{ code: number; said: string }> {
  const said: string[] = [];
  const spies = (['log', 'error', 'warn'] as const).map((name) => vi.spyOn(console, name).mockImplementation((...a) => void said.push(a.join(' '))));
  try {
    return { code: await main(argv), said: said.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('the CLI under random arguments and scenario files', () => {
  // A relative --out lands in a folder of the test's own, never in the repository.
  const home = process.cwd();
  beforeAll(() => process.chdir(dir));
  afterAll(() => process.chdir(home));

  it('exits 2 with a message, or runs and writes a whole results.json', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(tokens, async (tokens) => {
        // A small suite unless the tokens say otherwise, so a valid command finishes in seconds.
        // Each command in a folder of its own: an --out the tokens name again (html,md) must not find an
        // earlier command's results.json (fast-check replays and shrinks the same values).
        const cwd = join(dir, `command-${n++}`);
        mkdirSync(cwd);
        process.chdir(cwd);
        const argv = ['run', '--scenario', 'dropped-ack', '--agent', 'naive', '--out', 'out', ...tokens];
        const { code, said } = await cli(argv).finally(() => process.chdir(dir));
        const results = resolve(cwd, argv[argv.lastIndexOf('--out') + 1] as string, 'results.json');
        if (code === 2) {
          expect(said).toMatch(/\[faultline\] /);
          expect(existsSync(results)).toBe(false);
        } else {
          expect([0, 1]).toContain(code);
          const parsed = parseResults(readFileSync(results, 'utf8'), results);
          expect(parsed.runs.length).toBeGreaterThan(0);
        }
      }),
      // 25 commands: each valid one starts a worker, and the suite has to stay under 5 minutes.
      { numRuns: 25 },
    );
  }, 280_000);
});
