// An agent's runs, those before `head` taken: Array#shift moves every run left behind it, and a
// million-run suite of one agent spent 53 s taking its runs one by one (0.1 s this way).
type Runs = { runs: number[]; head: number };

/**
 * Which run a lane (a worker and the fresh workers that follow it) takes next: the runs of the
 * agents it has run already, then an agent no lane has taken yet, then, once every agent has a
 * lane, any run left (its agent becoming the lane's too), so that no lane idles while another has
 * work. Each by `order` (longest first, schedule.ts). A worker that runs fewer runtimes loads fewer
 * libraries and keeps less code warm: the main job on two workers took 34 to 40 s (65 to 76 s of
 * CPU) with every worker running every runtime, 28 to 30 s (53 to 61 s) with each keeping to its own.
 */
export class RunPicker {
  readonly #queues = new Map<string, Runs>();
  readonly #rank = new Map<number, number>();
  readonly #claimed = new Set<string>();
  readonly #keyOf: (index: number) => string;
  #size = 0;

  /** `order`: every run's index, in the order runs are taken; `keyOf`: the agent a run's index is for. */
  constructor(order: readonly number[], keyOf: (index: number) => string) {
    this.#keyOf = keyOf;
    order.forEach((index, rank) => {
      this.#rank.set(index, rank);
      this.#queueOf(keyOf(index)).runs.push(index);
    });
    this.#size = order.length;
  }

  /** Runs not taken yet. */
  get size(): number {
    return this.#size;
  }

  /** The lane's next run; `owned` (the lane's agents) gains the agent it claims. */
  take(owned: Set<string>): number | undefined {
    for (const key of owned) {
      const queue = this.#queues.get(key);
      if (queue && queue.head < queue.runs.length) return this.#shift(queue);
    }
    let unclaimed: string | undefined;
    let any: string | undefined;
    for (const [key, queue] of this.#queues) {
      if (queue.head === queue.runs.length) continue;
      if (any === undefined || this.#headRank(key) < this.#headRank(any)) any = key;
      if (!this.#claimed.has(key) && (unclaimed === undefined || this.#headRank(key) < this.#headRank(unclaimed))) unclaimed = key;
    }
    const key = unclaimed ?? any;
    if (key === undefined) return undefined;
    // An agent taken from another lane is this lane's too from now on: its next runs come from the
    // runtime it has just loaded, not from whichever agent's run comes first.
    this.#claimed.add(key);
    owned.add(key);
    return this.#shift(this.#queues.get(key) as Runs);
  }

  /** A run taken and never started: the next of its agent's runs to be taken (it was taken, so its queue's head is past it). */
  putBack(index: number): void {
    const queue = this.#queues.get(this.#keyOf(index)) as Runs;
    queue.runs[--queue.head] = index;
    this.#size++;
  }

  #queueOf(key: string): Runs {
    let queue = this.#queues.get(key);
    if (!queue) this.#queues.set(key, (queue = { runs: [], head: 0 }));
    return queue;
  }

  #headRank(key: string): number {
    const queue = this.#queues.get(key) as Runs;
    return this.#rank.get(queue.runs[queue.head] as number) as number;
  }

  #shift(queue: Runs): number {
    this.#size--;
    return queue.runs[queue.head++] as number;
  }
}
