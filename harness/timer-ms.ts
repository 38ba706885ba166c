import { z } from 'zod';

/**
 * The longest delay a timer can hold: 2^31−1 ms (about 24.8 days). Node (and the fake timers of
 * virtual time) fire a longer one after 1 ms, so a fault that says it held a reply for 2^31 ms
 * would in fact answer at once.
 */
export const TIMER_MS_MAX = 2 ** 31 - 1;

/** What every check of a millisecond value says when it is too large. */
export const TIMER_MS_LIMIT = `at most ${TIMER_MS_MAX} ms, the largest delay a timer can hold`;

/**
 * A whole number of milliseconds, at least `min`, that a timer can hold: the schema of every
 * millisecond field of a scenario, a fault and the gate config.
 *
 * @example
 * z.object({ delayMs: timerMs() })        // 0 ≤ delayMs ≤ 2^31−1
 * z.object({ cooldownMs: timerMs(1) })    // 1 ≤ cooldownMs ≤ 2^31−1
 */
export const timerMs = (min = 0) => z.number().int().min(min).max(TIMER_MS_MAX, TIMER_MS_LIMIT);
