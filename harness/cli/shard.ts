import { z } from 'zod';
import { UsageError } from '../errors.ts';

/** Shard `index` of `count`, both from 1, as `--shard index/count` gives it. */
export type Shard = { index: number; count: number };

/** What a shard's results.json records of its split (`shard`), so faultline merge can put the suite back in order. */
export const shardInfoSchema = z.object({ index: z.number().int().min(1), count: z.number().int().min(1), suiteRuns: z.number().int().min(0) }).refine((s) => s.index <= s.count, 'index must be ≤ count');
export type ShardInfo = z.infer<typeof shardInfoSchema>;

/** Parses `k/n` (1 ≤ k ≤ n); anything else is a UsageError naming `flag` and the form it takes. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const [index, count] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || !Number.isSafeInteger(count) || index < 1 || index > count) throw new UsageError(`${flag}: "${text}" is not k/n with 1 ≤ k ≤ n; e.g. ${flag} 2/4 runs the second of four shards`);
  return { index, count };
}

/**
 * Shard `index` of `count` of `items`: every count-th item from the index-th (round-robin). The
 * list is ordered scenario by scenario, and scenarios differ in wall time up to fiftyfold (4 ms to
 * 200 ms a run in the catalogue), so contiguous blocks would hand one machine all the slow ones; round-robin gives every shard the same
 * mix, sizes within one of each other, and depends on nothing but the list's order, which the flags fix.
 *
 * @example shardOf(['a', 'b', 'c', 'd', 'e'], { index: 2, count: 2 }) // ['b', 'd']
 */
export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

/** How many of a suite of `total` items shard `index` of `count` holds. */
export const shardSize = (total: number, shard: Shard): number => Math.max(0, Math.ceil((total - shard.index + 1) / shard.count));

/**
 * The inverse of shardOf: the inputs' items in the order of the unsharded list. Inputs without a
 * shard (whole runs) are concatenated in the order given. Shards must be of one split, each once,
 * none missing: a merge that silently lacked a shard would report a suite it did not run.
 * `name` (the input's folder) names each in errors.
 */
export function joinShards<T>(inputs: ReadonlyArray<{ name: string; shard?: ShardInfo; items: readonly T[] }>): T[] {
  const sharded = inputs.filter((i): i is typeof i & { shard: ShardInfo } => i.shard !== undefined);
  if (!sharded.length) return inputs.flatMap((i) => i.items);
  const whole = inputs.find((i) => !i.shard);
  const [first] = sharded as [(typeof sharded)[number]];
  const of = (i: { shard: ShardInfo }) => `shard ${i.shard.index}/${i.shard.count}`;
  if (whole) throw new UsageError(`${whole.name} holds a whole run and ${first.name} ${of(first)}; merge the shards of one suite, or whole runs, not both`);
  const byIndex = new Map<number, string>();
  for (const i of sharded) {
    if (i.shard.count !== first.shard.count || i.shard.suiteRuns !== first.shard.suiteRuns)
      throw new UsageError(
        `${i.name} is ${of(i)} of a suite of ${i.shard.suiteRuns} runs, ${first.name} ${of(first)} of ${first.shard.suiteRuns}: not shards of one split; run every shard with the same options and --shard k/${first.shard.count}`,
      );
    if (byIndex.has(i.shard.index)) throw new UsageError(`${byIndex.get(i.shard.index)} and ${i.name} are both ${of(i)}; give each shard's folder once`);
    byIndex.set(i.shard.index, i.name);
    const size = shardSize(i.shard.suiteRuns, i.shard);
    if (i.items.length !== size) throw new UsageError(`${i.name}: ${of(i)} of a suite of ${i.shard.suiteRuns} runs should hold ${size} runs, it holds ${i.items.length}; run the shard again`);
  }
  const missing = Array.from({ length: first.shard.count }, (_, k) => k + 1).filter((k) => !byIndex.has(k));
  if (missing.length) throw new UsageError(`shard ${missing.map((k) => `${k}/${first.shard.count}`).join(', ')} missing: without it the merged results would not be the whole suite; give the folders of all ${first.shard.count} shards`);
  const all: T[] = [];
  for (const i of sharded) i.items.forEach((item, j) => (all[j * i.shard.count + i.shard.index - 1] = item));
  return all;
}
