import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../harness/cli/main.ts';
import { runCommand } from '../../../harness/cli/run.ts';
import { joinShards, parseShard, shardOf, shardSize, type Shard } from '../../../harness/cli/shard.ts';
import { outDir } from './helpers.ts';

const shardsOf = (count: number): Shard[] => Array.from({ length: count }, (_, i) => ({ index: i + 1, count }));
const list = fc.array(fc.nat(), { maxLength: 200 }).map((xs) => xs.map((x, i) => `${i}:${x}`));

afterEach(() => vi.restoreAllMocks());

describe('shardOf', () => {
  it('the shards 1..n of a list are the whole list, each item in exactly one, sizes within one of each other', () => {
    fc.assert(
      fc.property(list, fc.integer({ min: 1, max: 12 }), (items, count) => {
        const shards = shardsOf(count).map((shard) => shardOf(items, shard));
        expect(shards.flat().sort()).toEqual([...items].sort());
        expect(new Set(shards.flat()).size).toBe(items.length);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        shardsOf(count).forEach((shard, i) => expect(sizes[i]).toBe(shardSize(items.length, shard)));
      }),
    );
  });

  it('is stable: the same list and shard give the same runs in the same order, every time', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(shardOf(items, { index: 2, count: 3 })).toEqual([1, 4, 7]);
    expect(shardOf(items, { index: 2, count: 3 })).toEqual(shardOf([...items], { index: 2, count: 3 }));
    expect(shardOf(items, { index: 3, count: 3 })).toEqual([2, 5, 8]);
  });

  it('joinShards puts every shard back in the order of the list, whatever order the shards come in', () => {
    fc.assert(
      fc.property(list, fc.integer({ min: 1, max: 12 }), fc.boolean(), (items, count, reversed) => {
        const shards = shardsOf(count).map((shard) => ({ name: `s${shard.index}`, shard: { ...shard, suiteRuns: items.length }, items: shardOf(items, shard) }));
        expect(joinShards(reversed ? shards.reverse() : shards)).toEqual(items);
      }),
    );
  });
});

describe('joinShards refuses', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  const input = (index: number, count = 2, suiteRuns = items.length) => ({ name: `dir${index}`, shard: { index, count, suiteRuns }, items: shardOf(items, { index, count }) });

  it.each([
    ['a missing shard', [input(1, 3), input(3, 3)], /shard 2\/3 missing: .*give the folders of all 3 shards/],
    ['shards of different splits', [input(1, 2), input(2, 3)], /dir2 is shard 2\/3 of a suite of 5 runs, dir1 shard 1\/2 of 5: not shards of one split/],
    ['shards of different suites', [input(1, 2), input(2, 2, 7)], /dir2 is shard 2\/2 of a suite of 7 runs/],
    ['a shard given twice', [input(1), input(1), input(2)], /dir1 and dir1 are both shard 1\/2/],
    ['a shard with runs missing', [input(1), { ...input(2), items: ['b'] }], /dir2: shard 2\/2 of a suite of 5 runs should hold 2 runs, it holds 1/],
    ['shards mixed with a whole run', [input(1), { name: 'whole', items: ['x'] }], /whole holds a whole run and dir1 shard 1\/2/],
  ])('%s', (_what, inputs, message) => expect(() => joinShards(inputs)).toThrow(message));

  it('and concatenates whole runs in the order given', () => {
    expect(
      joinShards([
        { name: 'a', items: [1, 2] },
        { name: 'b', items: [3] },
      ]),
    ).toEqual([1, 2, 3]);
  });
});

describe('--shard', () => {
  it.each([
    ['1/1', 1, 1],
    ['2/3', 2, 3],
    ['12/40', 12, 40],
  ] as const)('parses %j', (text, index, count) => expect(parseShard(text)).toEqual({ index, count }));

  it.each(['0/3', '4/3', 'a/b', '3', '1/0', '-1/3', '1.5/3', '', '1/3/5'])('refuses %j, naming the flag and the form it takes', async (text) => {
    await expect(runCommand([`--shard=${text}`, '--out', outDir()])).rejects.toMatchObject({
      exitCode: 2,
      message: `[faultline] --shard: "${text}" is not k/n with 1 ≤ k ≤ n; e.g. --shard 2/4 runs the second of four shards`,
    });
  });

  it('exits 2 through the CLI, before any run', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(['run', '--scenario', 'dropped-ack', '--shard', '4/3', '--out', outDir()])).toBe(2);
    expect(errors).toEqual(['[faultline] --shard: "4/3" is not k/n with 1 ≤ k ≤ n; e.g. --shard 2/4 runs the second of four shards']);
    expect(log).not.toHaveBeenCalled();
  });
});
