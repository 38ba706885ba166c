import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Budget, createBudget, listPrices } from '../../../harness/live/budget.ts';

describe('Budget', () => {
  it('reserves a worst case, then charges what was really used', async () => {
    const budget = new Budget(createBudget({ maxTokens: 1_000 }));
    expect(await budget.reserve({ input: 300, output: 500 })).toBe(true);
    expect(budget.spent().tokens).toBe(800);
    budget.settle({ input: 300, output: 500 }, { input: 100, output: 20 });
    expect(budget.spent().tokens).toBe(120);
    expect(budget.exhausted()).toBe(false);
  });

  it('refuses a request whose worst case does not fit when nothing else is in flight, and stays exhausted', async () => {
    const budget = new Budget(createBudget({ maxTokens: 1_000 }));
    expect(await budget.reserve({ input: 600, output: 300 })).toBe(true);
    budget.settle({ input: 600, output: 300 }, { input: 600, output: 300 });
    expect(await budget.reserve({ input: 50, output: 100 })).toBe(false);
    expect(budget.spent().tokens).toBe(900);
    expect(budget.exhausted()).toBe(true);
    expect(await budget.reserve({ input: 1, output: 1 })).toBe(false);
  });

  it('a request that does not fit beside another in flight waits for it to settle, not for the budget to end', async () => {
    const budget = new Budget(createBudget({ maxTokens: 10_000 }));
    expect(await budget.reserve({ input: 1_000, output: 5_000 })).toBe(true);
    let second: boolean | undefined;
    const waiting = budget.reserve({ input: 1_000, output: 5_000 }).then((ok) => (second = ok));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(second).toBeUndefined();
    budget.settle({ input: 1_000, output: 5_000 }, { input: 300, output: 50 });
    await waiting;
    expect(second).toBe(true);
    expect(budget.spent().tokens).toBe(6_350);
    expect(budget.exhausted()).toBe(false);
  });

  it('is not spent when the reservation in its way settles between its attempt and its look (another lane, another thread)', async () => {
    const budget = new Budget(createBudget({ maxTokens: 10_000 }));
    expect(await budget.reserve({ input: 1_000, output: 5_000 })).toBe(true);
    const attempt = budget.tryReserve.bind(budget);
    let first = true;
    budget.tryReserve = (usage) => {
      const ok = attempt(usage);
      // The other lane settles just after this attempt failed, before reserve() looks at what is in flight.
      if (first) (first = false), budget.settle({ input: 1_000, output: 5_000 }, { input: 300, output: 50 });
      return ok;
    };
    expect(await budget.reserve({ input: 1_000, output: 5_000 })).toBe(true);
    expect(budget.exhausted()).toBe(false);
  });

  it('counts dollars at the given prices and refuses past --max-cost-usd, giving the tokens back', async () => {
    const budget = new Budget(createBudget({ maxCostUsd: 0.01 }, { input: 3, output: 15 }));
    // 1 000 in + 400 out at $3/$15 per million: $0.009.
    expect(budget.tryReserve({ input: 1_000, output: 400 })).toBe(true);
    expect(budget.spent().costUsd).toBeCloseTo(0.009, 9);
    expect(budget.tryReserve({ input: 1_000, output: 0 })).toBe(false);
    expect(budget.spent().tokens).toBe(1_400);
  });

  it('is one budget across worker threads', async () => {
    const handle = createBudget({ maxTokens: 10_000 });
    // Four workers race to reserve 100 tokens at a time: exactly 100 reservations can succeed.
    const worker = new URL('./reserve-worker.mjs', import.meta.url);
    const wins = await Promise.all(Array.from({ length: 4 }, () => new Promise<number>((resolve) => new Worker(worker, { workerData: handle }).once('message', resolve))));
    expect(wins.reduce((a, b) => a + b, 0)).toBe(100);
    expect(new Budget(handle).spent().tokens).toBe(10_000);
  });

  it('shares a rate-limit pause', () => {
    const budget = new Budget(createBudget({}));
    expect(budget.pausedFor()).toBe(0);
    budget.pauseUntil(Date.now() + 5_000);
    expect(new Budget(budget.handle).pausedFor()).toBeGreaterThan(4_000);
  });
});

describe('listPrices', () => {
  it('knows the families and not a new one', () => {
    expect(listPrices('claude-sonnet-5')).toEqual({ input: 3, output: 15 });
    expect(listPrices('claude-opus-4-5')).toEqual({ input: 5, output: 25 });
    expect(listPrices('claude-haiku-4-5')).toEqual({ input: 1, output: 5 });
    expect(listPrices('claude-lyric-1')).toBeUndefined();
  });
});
