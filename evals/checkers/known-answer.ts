import { eventsOf } from '../../harness/history.ts';
import { states } from './meaning.ts';
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
