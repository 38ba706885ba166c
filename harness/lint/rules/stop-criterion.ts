import { lineAt } from '../prompt.ts';
import type { Rule } from '../types.ts';

/**
 * What counts as a termination criterion (seed 002 case 6; the same idea as the scripted model's
 * STOP_CRITERION, kept here so the linter and the model can evolve apart): a sentence that
 * - says to stop, not negated: "stop calling", "then stop", "no further calls", "no more lookups";
 * - says when enough is known: "as soon as you have", "once you have", "additional facts are not required";
 * - caps the calls: "at most 5 tool calls", "no more than three lookups";
 * - or names the step that ends the work, "…, then write the review", "report the order id when done",
 *   in a sentence that does not ask for open-ended work ("fully", "thoroughly", "everything").
 * "research fully before composing your answer" has none: "before" gates the answer, it bounds nothing.
 */
const STOP_CRITERION = new RegExp(
  [
    String.raw`\b(?:as soon as|once|when) you (?:have|know|find|get)\b`,
    String.raw`(?<!(?:\bnever|\bnot|n't)\s+)\bstop\b`,
    String.raw`\bno (?:further|more) (?:tool )?(?:calls?|tools?|lookups?|searches|requests)\b`,
    String.raw`\bdo not (?:call|use) any (?:more|further) tools?\b`,
    String.raw`\badditional (?:facts|information|details|calls) (?:are|is) not (?:required|needed)\b`,
    String.raw`\b(?:at most|no more than|a maximum of|up to) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve) (?:tool )?(?:calls?|lookups?|searches|requests|turns|steps)\b`,
  ].join('|'),
  'i',
);
const COMPLETION_STEP = /\b(?:then|after that|afterwards)\s*,?\s+(?:\w+\s+)?(?:write|list|answer|reply|report|compose|summari[sz]e|give|return|respond|tell)\b|\b(?:when|once) (?:you are |you're )?(?:done|finished)\b/i;
const OPEN_ENDED = /\b(?:fully|thoroughly|exhaustive(?:ly)?|comprehensive(?:ly)?|as much as (?:you can|possible)|everything|keep (?:calling|looking|searching|researching|going))\b/i;

export const noStopCriterion: Rule = {
  id: 'no-stop-criterion',
  description: 'the prompt states when to stop calling tools',
  check({ input, promptAt }) {
    const parts = sentences(input.prompt);
    if (parts.some(({ text }) => STOP_CRITERION.test(text) || (COMPLETION_STEP.test(text) && !OPEN_ENDED.test(text)))) return [];
    const open = parts.map((p) => ({ ...p, phrase: OPEN_ENDED.exec(p.text)?.[0] })).find((p) => p.phrase);
    return [
      {
        ...promptAt(open ? lineAt(input.prompt, open.index) : 1, open?.phrase),
        rule: 'no-stop-criterion',
        message: `the prompt states no termination criterion${open ? ` and asks for open-ended work ("${open.phrase}")` : ''}: nothing tells the model when to stop calling tools`,
        fix: 'say when the work is done, e.g. "Answer as soon as you have X and Y; no further calls are needed." or "Make at most 5 tool calls."',
      },
    ];
  },
};

/** Sentences (split at . ! ? and at blank lines and list items), each with its offset in the prompt. */
function sentences(text: string): Array<{ text: string; index: number }> {
  return [...text.matchAll(/[^.!?\n]+(?:\n(?![ \t]*(?:[-*+]|\d+\.)\s|[ \t]*\n)[^.!?\n]*)*[.!?]*/g)].map((m) => ({ text: m[0], index: m.index + (m[0].length - m[0].trimStart().length) }));
}
