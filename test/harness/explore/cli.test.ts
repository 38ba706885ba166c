import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exploreCommand, exploreHelp } from '../../../harness/cli/explore.ts';
import { UsageError } from '../../../harness/errors.ts';
import { catalogue } from '../../helpers.ts';
import { cli, outDir } from '../cli/helpers.ts';

let printed: string[] = [];
beforeEach(() => {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());
const output = () => printed.join('\n');

describe('faultline explore', () => {
  it('finds a counterexample: prints the faults, the seed and path, pins it and prints the replay command; exit 1', async () => {
    const out = outDir();
    expect(await exploreCommand(['--scenario', 'dropped-ack', '--agent', 'naive', '--runs', '100', '--seed', '1', '--out', out])).toBe(1);
    const file = join(out, 'dropped-ack-naive-s1.mjs');
    expect(output()).toContain('faultline explore: scenario dropped-ack × agent naive, 100 case(s), seed 1');
    expect(output()).toContain('faults[0] drop-reply on place_order: when.strike ⊆ {1..3} (declared: {"first":[1,3]}); commit ∈ {false, true}');
    expect(output()).toContain('faults: [\n  {"fault":"drop-reply","tool":"place_order","when":{"strike":[1]},"commit":true}\n]');
    expect(output()).toContain('failed: exactly-once: orders/order {"sku":"A1","quantity":40} committed 2 times, intended 1');
    expect(output()).toMatch(/fast-check: \{ seed: 1, path: "\d+(:\d+)*" \}/);
    expect(output()).toContain(`pinned: ${file}`);
    expect(output()).toContain(`replay: npx faultline run --scenario ${file} --agent naive --seed 1`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('// Found by: npx faultline explore --scenario dropped-ack --agent naive --runs 100 --seed 1');
    expect(text).toContain('"id": "dropped-ack-naive-s1"');
  });

  it('--reporter writes reports of the pinned run, whose replay is the pinned file', async () => {
    const [pins, reports] = [outDir(), outDir()];
    expect(await exploreCommand(['--scenario', 'dropped-ack', '--agent', 'naive', '--runs', '100', '--seed', '1', '--out', pins, '--reporter', 'junit', '--reports-out', reports])).toBe(1);
    const results = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8'));
    expect(results.runs).toHaveLength(1);
    expect(results.runs[0]).toMatchObject({ scenario: 'dropped-ack', agent: 'naive', verdict: 'fail', replay: `npx faultline run --scenario ${join(pins, 'dropped-ack-naive-s1.mjs')} --agent naive --seed 1` });
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain('committed 2 times, intended 1');
  });

  it('the replay command replays the pinned case through faultline run, to the same failure', async () => {
    const out = outDir();
    await exploreCommand(['--scenario', 'slow-tool', '--agent', 'sdk-tool-runner', '--runs', '100', '--seed', '7', '--out', out]);
    const replay = /replay: npx faultline (run .*)$/m.exec(output())?.[1]?.split(' ') ?? [];
    const run = await cli(...replay, '--out', outDir(), '--reporter', 'json');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('slow-tool-sdk-tool-runner-s7 / sdk-tool-runner / seed 7: timeout-is-error fail');
  });

  it('holds: no counterexample against hardened; exit 0 and nothing pinned', async () => {
    const out = outDir();
    expect(await exploreCommand(['--scenario', 'reordered-parallel', '--agent', 'hardened', '--runs', '50', '--seed', '3', '--out', out])).toBe(0);
    expect(output()).toMatch(/held: no counterexample in 50 case\(s\)/);
    expect(output()).toContain('faults[0] reorder on lookup_customer: order: any permutation of 1..6; spacingMs ∈ [1, 200]');
    expect(readdirSync(out)).toEqual([]);
  });

  it('takes a scenario file, and the pinned file can itself be explored again', async () => {
    const out = outDir();
    await exploreCommand(['--scenario', 'dropped-ack', '--agent', 'naive', '--runs', '100', '--seed', '1', '--out', out]);
    printed = [];
    const pinned = join(out, 'dropped-ack-naive-s1.mjs');
    expect(await exploreCommand(['--scenario', pinned, '--agent', 'hardened', '--runs', '20', '--seed', '1', '--out', out])).toBe(0);
    expect(output()).toContain('when.strike ⊆ {1} (declared: strike [1])');
  });

  it('--personas varies the persona among those that fit, and says so', async () => {
    expect(await exploreCommand(['--scenario', 'slow-tool', '--agent', 'hardened', '--runs', '20', '--seed', '1', '--personas', '--out', outDir()])).toBe(0);
    expect(output()).toContain('persona: diligent | retrier');
  });

  it('--help prints the usage; exit 0', async () => {
    expect(await exploreCommand(['--help'])).toBe(0);
    expect(output()).toBe(exploreHelp);
  });

  it.each([
    [['--agent', 'naive'], /--scenario: missing/],
    [['--scenario', 'dropped-ack'], /--agent: missing/],
    [['--scenario', 'no-such-scenario', '--agent', 'naive'], /unknown scenario "no-such-scenario"/],
    [['--scenario', 'dropped-ack', '--agent', 'nobody'], /--agent: unknown agent "nobody"/],
    [['--scenario', 'dropped-ack,slow-tool', '--agent', 'naive'], /--scenario: "dropped-ack,slow-tool": explore takes one/],
    [['--scenario', 'dropped-ack', '--agent', 'naive', '--runs', '0'], /--runs: "0" is not an integer in \[1, 1000000\]/],
    [['--scenario', 'dropped-ack', '--agent', 'naive', '--runs', 'ten'], /--runs: "ten"/],
    [['--scenario', 'dropped-ack', '--agent', 'naive', '--seed', '1.5'], /--seed: "1.5" is not an integer/],
    [['--scenario', 'dropped-ack', '--agent', 'naive', '--seed', String(2 ** 31)], /--seed: "2147483648" is not an integer in \[-2147483648, 2147483647\]/],
    [['--scenario', 'test/fixtures/scenarios/broken-scenario.ts', '--agent', 'naive'], /broken-scenario\.ts: /],
  ])('bad input %j: a UsageError (exit 2) naming what is wrong, nothing run', async (argv, message) => {
    const out = outDir();
    const error = await exploreCommand([...argv, '--out', out]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('refuses, before searching, an --out or --reports-out it cannot or should not write (exit 2)', async () => {
    const file = join(outDir(), 'pinned.mjs');
    writeFileSync(file, '');
    const explore = (...flags: string[]) => exploreCommand(['--scenario', 'dropped-ack', '--agent', 'naive', '--runs', '1', ...flags]).catch((e: unknown) => e);
    expect(await explore('--out', file)).toMatchObject({ exitCode: 2, message: expect.stringContaining(`--out ${file}: is a file, not a folder; give a folder of its own, e.g. --out evals/regression/pinned`) });
    expect(await explore('--out', '.')).toMatchObject({ message: expect.stringContaining('--out .: is the current folder') });
    expect(await explore('--out', outDir(), '--reporter', 'md', '--reports-out', '')).toMatchObject({ message: expect.stringContaining('--reports-out: the path is empty') });
    expect(output()).toBe('');
  });

  it('a fault space in which no case can be judged is reported, not passed (exit 2)', async () => {
    const dir = outDir();
    const file = join(dir, 'never-slow.mjs');
    // slow-tool with its fault switched off (as explore writes one): its timeout-is-error check never has a timed-out call to judge.
    const slowTool = catalogue.get('slow-tool');
    const scenario = { ...slowTool, id: 'never-slow', faults: [{ fault: 'slow-reply', tool: 'compute_inventory', when: { strike: [] }, delayMs: 300_000 }] };
    writeFileSync(file, `export default ${JSON.stringify(scenario)};\n`);
    const error = await exploreCommand(['--scenario', file, '--agent', 'hardened', '--runs', '1', '--seed', '1', '--out', dir]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/no case could be judged: in \d+ case\(s\) some check of never-slow could not judge the run/);
    expect(output()).toContain('faults[0] slow-reply on compute_inventory: when.strike ⊆ {} (declared: strike [])');
  });

  it('an unknown flag is refused by the parser (exit 2 through the CLI)', async () => {
    await expect(exploreCommand(['--scenario', 'dropped-ack', '--agent', 'naive', '--seeds', '3'])).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  });
});
