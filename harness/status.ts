/**
 * What an HTTP status says about trying again: one table for every checker, the bundled runtimes
 * and explore (seed 004's error classes; the Anthropic SDK retries the same set, plus 425).
 */
const RETRYABLE = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);

/** A timeout, a conflict, too early, a rate limit or the server's own failure: this may work later. */
export const isRetryableStatus = (status: number | null): status is number => status !== null && RETRYABLE.has(status);

/** A 4xx no retry can change (bad input, unauthorised, forbidden, not found…). */
export const isPermanentStatus = (status: number | null): status is number => status !== null && status >= 400 && status < 500 && !RETRYABLE.has(status);

/** A reply that says the service itself is unwell, as a circuit breaker counts it: none at all, a 5xx, a timeout or a rate limit. A 404 is the service answering. */
export const isUnwellStatus = (status: number | null): boolean => status === null || status >= 500 || status === 408 || status === 429;
