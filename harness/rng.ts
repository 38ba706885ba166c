import { hash } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * The one source of randomness of a run. Every consumer (fault schedule, latencies, ids, persona
 * choices) takes a named child stream, so adding a draw in one place never shifts the draws of another.
 */
export class Rng {
  readonly #gen: ReturnType<typeof xoroshiro128plus>;

  constructor(
    readonly seed: number,
    readonly label = 'root',
  ) {
    this.#gen = xoroshiro128plus(hashToInt(`${seed}/${label}`));
  }

  /** An independent stream named `label`, the same for the same seed whatever was drawn before. */
  child(label: string): Rng {
    return new Rng(this.seed, `${this.label}/${label}`);
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return uniformInt(this.#gen, min, max);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.int(0, 2 ** 30 - 1) / 2 ** 30;
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('[faultline] Rng.pick on an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** A random permutation of `items` (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** An id like the API's (`toolu_01…`), drawn from this stream. */
  id(prefix: string, length = 24): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return `${prefix}${out}`;
  }
}

/** A 32-bit seed from any string: the same string always gives the same number. */
export function hashToInt(text: string): number {
  // The one-shot hash: a third of createHash's cost, and a run derives a dozen streams.
  return hash('sha256', text, 'buffer').readInt32LE(0);
}
