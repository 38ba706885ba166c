import { describe, expect, it } from 'vitest';
import { TIMER_MS_MAX, timerMs } from '../../harness/timer-ms.ts';

describe('timerMs', () => {
  it('accepts whole milliseconds from its minimum up to 2^31−1, the largest delay a timer holds', () => {
    expect(TIMER_MS_MAX).toBe(2147483647);
    expect(timerMs().parse(0)).toBe(0);
    expect(timerMs(1).parse(TIMER_MS_MAX)).toBe(TIMER_MS_MAX);
  });

  it('refuses 2^31 and more with the limit, and what is below its minimum or not whole', () => {
    expect(timerMs().safeParse(2 ** 31).error?.issues[0]?.message).toBe('at most 2147483647 ms, the largest delay a timer can hold');
    expect(timerMs(1).safeParse(0).success).toBe(false);
    expect(timerMs().safeParse(1.5).success).toBe(false);
  });
});
