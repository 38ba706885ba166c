import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../../harness/agents/hardened/breaker.ts';

describe('CircuitBreaker', () => {
  const make = () => {
    const clock = { now: 0 };
    return { clock, breaker: new CircuitBreaker({ failuresToOpen: 5, cooldownMs: 60_000 }, () => clock.now) };
  };

  it('opens after 5 failures in a row and fails fast for the cool-down', () => {
    const { clock, breaker } = make();
    for (let i = 0; i < 4; i++) expect(breaker.acquire('t')).toBe(0), breaker.record('t', false);
    expect(breaker.acquire('t')).toBe(0);
    breaker.record('t', false);
    clock.now = 59_000;
    expect(breaker.acquire('t')).toBe(1_000);
    expect(breaker.acquire('other')).toBe(0);
  });

  it('lets one probe through when half-open; success closes, failure reopens', () => {
    const { clock, breaker } = make();
    for (let i = 0; i < 5; i++) breaker.acquire('t'), breaker.record('t', false);
    clock.now = 60_000;
    expect(breaker.acquire('t')).toBe(0);
    expect(breaker.acquire('t')).toBeGreaterThan(0);
    breaker.record('t', false);
    clock.now = 61_000;
    expect(breaker.acquire('t')).toBe(59_000);
    clock.now = 120_000;
    expect(breaker.acquire('t')).toBe(0);
    breaker.record('t', true);
    expect(breaker.acquire('t')).toBe(0);
    expect(breaker.acquire('t')).toBe(0);
  });

  it('a healthy reply in between resets the count', () => {
    const { breaker } = make();
    for (let i = 0; i < 4; i++) breaker.acquire('t'), breaker.record('t', false);
    breaker.record('t', true);
    for (let i = 0; i < 4; i++) breaker.acquire('t'), breaker.record('t', false);
    expect(breaker.acquire('t')).toBe(0);
  });
});
