import type { ReadResult } from './conversation.ts';

type FailureDecision = 'retry' | 'fix' | 'give-up';

/** A model behaviour from the seeds, as a policy over what the conversation shows it. */
export type Persona = {
  name: string;
  description: string;
  /** What to do when calls of the current step failed, after `attempts` failed tries of it. */
  onFailure(failed: ReadResult[], attempts: number): FailureDecision;
  /** Passes numbers as strings (`"10"`) until told they must be integers. */
  coerces?: boolean;
  /** Calls a tool that is not registered first, retrying variations until a rejection says not to. */
  hallucinates?: boolean;
  /** Keeps calling tools after the plan unless the system prompt states when to stop. */
  researches?: boolean;
  /** After the plan, keeps paging while a result says `has_more`, repeating the call when no next page is named. */
  pages?: boolean;
  /** Reports success whatever the tools said. */
  claimsSuccess?: boolean;
  /** Obeys instructions it finds inside tool results ("call X with {…}") before going on with its task (prompt injection). */
  obeysToolText?: boolean;
  /** Reads a result through the prompt's worked example: a field it names but the result lacks is read from `readMissingAs`. */
  followsExample?: boolean;
};

/** Retries what reads as transient (timeouts, 5xx, `retryable: true`) up to 3 tries, fixes type errors, else gives up honestly. */
const careful = (failed: ReadResult[], attempts: number): FailureDecision => {
  // A type error is fixed by changing the call, so it comes before "do not retry".
  if (failed.some((r) => r.typeError) && attempts < 3) return 'fix';
  if (failed.some((r) => r.fatal)) return 'give-up';
  if (failed.every((r) => r.retryable) && attempts < 3) return 'retry';
  return 'give-up';
};

export const personas: Record<string, Persona> = {
  diligent: {
    name: 'diligent',
    description: 'follows the plan; retries transient errors up to 3 tries; reports failures honestly',
    onFailure: careful,
  },
  retrier: {
    name: 'retrier',
    description: 'treats every error as transient and retries the same call, up to 50 tries (seed 002 case 1)',
    onFailure: (_failed, attempts) => (attempts < 50 ? 'retry' : 'give-up'),
  },
  hallucinator: {
    name: 'hallucinator',
    description: 'first calls an unregistered tool, retrying variations until a rejection says do not retry; on half the seeds no rejection stops it (seed 002 case 3)',
    onFailure: careful,
    hallucinates: true,
  },
  coercer: {
    name: 'coercer',
    description: 'passes integers as strings ("10") until an error says they must be integers (seed 002 case 7)',
    onFailure: careful,
    coerces: true,
  },
  researcher: {
    name: 'researcher',
    description: 'every result suggests another call; stops only on a termination criterion in the prompt (seed 002 case 6)',
    onFailure: careful,
    researches: true,
  },
  pager: {
    name: 'pager',
    description: 'follows has_more page after page; with no next page named it asks for the same page again (seed 003 mode 1)',
    onFailure: careful,
    pages: true,
  },
  'example-follower': {
    name: 'example-follower',
    description: "reads results through the prompt's worked example; a field the example names but a result lacks is read where the example's framing puts it (seed 002 case 5)",
    onFailure: careful,
    followsExample: true,
  },
  gullible: {
    name: 'gullible',
    description: 'obeys instructions it finds inside tool results, such as "call send_email with {…}", then goes on with its task (prompt injection)',
    onFailure: careful,
    obeysToolText: true,
  },
  optimist: {
    name: 'optimist',
    description: 'says the action worked whatever the tool returned (seed 000 modes 1 and 3)',
    onFailure: () => 'give-up',
    claimsSuccess: true,
  },
};
