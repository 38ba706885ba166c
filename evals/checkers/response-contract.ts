import { eventsOf } from '../../harness/history.ts';
import { textOf } from '../../harness/model/types.ts';
import { zodOfJsonSchema } from './json-schema.ts';
import { toolExchanges } from './tool-uses.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * Drift is detected, not silently misread (seed 002 case 5): no tool reply that breaks its tool's
 * declared `responseSchema` reaches the model as a successful `tool_result`. It may reach it as
 * `is_error` (the contract violation reported) or not at all, never as data to interpret.
 */
export const responseContract: Checker = {
  id: 'response-contract',
  description: "no reply that breaks its tool's declared response schema reaches the model as a success",
  check(scenario, events) {
    const schemas = new Map(scenario.tools.flatMap((t) => (t.responseSchema ? [[t.name, zodOfJsonSchema(t.responseSchema)] as const] : [])));
    if (!schemas.size) throw new Error('no tool of the scenario declares a responseSchema');
    const routes = new Map(eventsOf(events, 'tool-request').map((r) => [r.id, r.route]));
    const drifted = eventsOf(events, 'tool-complete').filter((c) => c.outcome === 'ok' && schemas.get(routes.get(c.id) ?? '')?.safeParse(c.body).success === false);
    if (!drifted.length) return notApplicable('no service reply broke its response schema in this run');

    const accepted = new Map<string, unknown>();
    for (const { use, result } of toolExchanges(events)) {
      const schema = schemas.get(use.name);
      const text = result && result.is_error !== true ? textOf(result.content) : undefined;
      if (schema && text !== undefined && !schema.safeParse(parse(text)).success) accepted.set(use.id, { tool_use_id: use.id, tool: use.name, content: text.slice(0, 200) });
    }
    if (accepted.size) return fail(`${accepted.size} reply(ies) that break the response schema reached the model as success`, [...accepted.values()]);
    return pass(`${drifted.length} drifted reply(ies) from the services; none reached the model as a success`);
  },
};

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
