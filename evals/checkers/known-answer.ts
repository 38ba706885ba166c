import { eventsOf } from '../../harness/history.ts';
import { fail, pass, type Checker } from './types.ts';

/** The final reply states the known answer (`intent.answer.includes`) and none of the known wrong ones. */
export const knownAnswer: Checker = {
  id: 'known-answer',
  description: 'the reply contains the known answer and no known wrong answer',
  check(scenario, events) {
    const spec = scenario.intent.answer;
    if (!spec) throw new Error('the scenario declares no intent.answer');
    const reply = eventsOf(events, 'agent-reply').at(-1);
    if (!reply) return fail('the agent gave no reply');
    const missing = spec.includes.filter((s) => !states(reply.text, s));
    const wrong = spec.excludes.filter((s) => states(reply.text, s));
    if (missing.length || wrong.length)
      return fail(`reply ${missing.length ? `lacks ${JSON.stringify(missing)}` : ''}${missing.length && wrong.length ? ' and ' : ''}${wrong.length ? `contains ${JSON.stringify(wrong)}` : ''}`, { reply: reply.text });
    return pass(spec.includes.length ? 'the reply states the known answer' : 'the reply contains none of the known wrong answers');
  },
};

const WORD = /[\p{L}\p{N}]/u;

/** `text` states `phrase` as a whole: "2,300 case packs" is not stated by "12,300 case packs", nor "120.5" by "120.57" or "1,120.5". */
function states(text: string, phrase: string): boolean {
  for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1))
    if (!continues(phrase.at(0) ?? '', text, i - 1, -1) && !continues(phrase.at(-1) ?? '', text, i + phrase.length, 1)) return true;
  return false;
}

/** Whether the text at `i` (read in direction `step`) runs on from the phrase's edge character: a word, or a number's digits. */
function continues(edge: string, text: string, i: number, step: 1 | -1): boolean {
  const next = text[i] ?? '';
  if (!WORD.test(edge)) return false;
  return WORD.test(next) || (/\d/.test(edge) && /[.,]/.test(next) && /\d/.test(text[i + step] ?? ''));
}
