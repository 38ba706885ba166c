import { z } from 'zod';
import { eventsOf } from '../../harness/history.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * No schema-invalid argument reaches a backend (seed 002 case 7): every JSON body a service
 * received validates against its tool's `input_schema`, with no coercion. Query strings of GET
 * tools are text by nature and are not judged here.
 */
export const validArguments: Checker = {
  id: 'valid-arguments',
  description: 'no schema-invalid argument reaches a backend',
  check(scenario, events) {
    const schemas = new Map(scenario.tools.map((t) => [t.name, z.fromJSONSchema(t.input_schema as never)]));
    const invalid = eventsOf(events, 'tool-request')
      .filter((r) => r.method !== 'GET')
      .flatMap((r) => {
        const parsed = schemas.get(r.route)?.safeParse(r.body);
        return parsed && !parsed.success ? [{ request: r.id, tool: r.route, body: r.body, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }] : [];
      });
    if (!eventsOf(events, 'tool-request').some((r) => r.method !== 'GET')) return notApplicable('no request with a body reached a backend');
    if (invalid.length) return fail(`${invalid[0]?.tool} received ${JSON.stringify(invalid[0]?.body)}: ${invalid[0]?.issues.join('; ')}`, invalid);
    return pass('every argument that reached a backend matched its schema');
  },
};
