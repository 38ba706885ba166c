import { expect } from 'vitest';

/** The message of the assertion error `assertion` throws (fails the test if it throws nothing). */
export function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  expect.unreachable('the assertion passed');
}
