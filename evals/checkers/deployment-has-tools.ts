import { eventsOf } from '../../harness/history.ts';
import type { MessagesRequest, ToolDef } from '../../harness/model/types.ts';
import { zodOfJsonSchema } from './json-schema.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

/**
 * The agent offers the model the deployment the scenario describes: every request that reached the
 * model offers each tool the scenario's model plans to call, with an `input_schema` that accepts
 * the planned arguments. An agent whose deployment renamed or dropped a tool, or changed its schema,
 * fails here, naming the tool and what was offered — not later, as a model that mysteriously gave up.
 */
export const deploymentHasTools: Checker = {
  id: 'deployment-has-tools',
  description: "every request to the model offers the tools the scenario's model plans to call, with schemas that accept the planned arguments",
  check(scenario, events) {
    const requests = eventsOf(events, 'model-request');
    if (!requests.length) return notApplicable('no request reached the model');
    const planned = scenario.model.plan.flatMap((step) => step.call);
    const accepts = (schema: unknown, input: unknown) => zodOfJsonSchema(schema).safeParse(input).success;
    // A thread continuation (the SDK tool runner's) offers the tools the server holds for its thread.
    const replyOf = new Map(eventsOf(events, 'model-response').flatMap((r) => (r.id ? [[r.n, r.id] as const] : [])));
    const toolsOfReply = new Map<string, ToolDef[]>();
    for (const request of requests) {
      const body = request.body as (MessagesRequest & { thread?: { type?: string; previous_message_id?: string } }) | null;
      const tools = body?.thread?.type === 'continue' ? (toolsOfReply.get(body.thread.previous_message_id ?? '') ?? []) : (body?.tools ?? []);
      const reply = replyOf.get(request.n);
      if (reply) toolsOfReply.set(reply, tools);
      const offered = new Map(tools.map((t) => [t.name, t]));
      const names = [...offered.keys()].join(', ') || 'no tools';
      const missing = [...new Set(planned.map((c) => c.name))].filter((name) => !offered.has(name));
      if (missing.length) return fail(`model request ${request.n} did not offer ${missing.join(', ')} (it offered: ${names})`, { request: request.n, missing, offered: [...offered.keys()] });
      const rejected = planned.find((c) => !accepts(offered.get(c.name)?.input_schema, c.input));
      if (rejected)
        return fail(`model request ${request.n} offered ${rejected.name} with an input_schema that rejects the planned arguments ${JSON.stringify(rejected.input)}`, {
          request: request.n,
          call: rejected,
          schema: offered.get(rejected.name)?.input_schema,
        });
    }
    return pass(`all ${requests.length} model request(s) offered the ${new Set(planned.map((c) => c.name)).size} planned tool(s), with schemas that accept the planned arguments`);
  },
};
