/**
 * The agent adapter `faultline init` writes (faultline/agent.ts): the `Agent` a team fills in, with
 * a TODO where their loop goes. Its placeholder is a plain, working loop rather than a throw, so the
 * scaffold runs before anyone edits it; it has the plain loop's bug (a call whose reply was lost is
 * sent again with no Idempotency-Key), which is what the written scenario shows first.
 */
export const agentSource = (): string => `// faultline/agent.ts: your agent, as faultline runs it (written by faultline init).
//
// faultline calls run(task, env) once per run. task: the user's prompt, the system prompt, the tools
// (Anthropic tool definitions, each with the endpoint it calls and its effect) and the limits the run
// is judged by. env.client: an Anthropic client wired to the simulated Messages API; env.credential:
// the user's token, for Authorization: Bearer on every tool call; env.signal: aborted when the run
// ends. Return { text }, or { text, stopReason: 'limit' } when you stopped on a limit.
// What every check requires of an agent: node_modules/faultline/docs/contract.md
import type Anthropic from '@anthropic-ai/sdk';
import type { Agent, AgentEnv, AgentReply, AgentTask, ToolSpec } from 'faultline';

const agent: Agent = {
  name: 'my-agent',
  async run(task, env) {
    // TODO: call your agent loop here, with the client, tools and token faultline gives it, e.g.
    //   return { text: await myAgent.answer(task.prompt, { client: env.client, token: env.credential, signal: env.signal }) };
    // Until then, a placeholder: the plainest loop. It sends a call whose reply was lost again with
    // no Idempotency-Key, so the scenario faultline init wrote catches it doing things twice.
    return placeholderLoop(task, env);
  },
};
export default agent;

/** Ask the model, run the tools it calls, stop when it answers. */
async function placeholderLoop(task: AgentTask, env: AgentEnv): Promise<AgentReply> {
  const tools = task.tools.map(({ name, description, input_schema }) => ({ name, description, input_schema }));
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: task.prompt }];
  for (let turn = 0; turn < task.limits.modelTurns; turn++) {
    const reply = await env.client.messages.create({ model: task.model, max_tokens: task.maxTokens, system: task.system, tools, messages }, { signal: env.signal });
    const text = reply.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    if (reply.stop_reason === 'max_tokens') return { text, stopReason: 'limit' };
    const uses = reply.content.filter((block) => block.type === 'tool_use');
    if (!uses.length) return { text };
    messages.push({ role: 'assistant', content: reply.content });
    const results = await Promise.all(
      uses.map(async (use): Promise<Anthropic.ToolResultBlockParam> => {
        const tool = task.tools.find((t) => t.name === use.name);
        return { type: 'tool_result', tool_use_id: use.id, ...(await callTool(tool, use.input as Record<string, unknown>, env, task.limits.toolTimeoutMs)) };
      }),
    );
    messages.push({ role: 'user', content: results });
  }
  return { text: 'I stopped: this needed more model turns than I am allowed.', stopReason: 'limit' };
}

/** One call of a tool's endpoint as the user: :name path segments from the input, the rest as a GET's query or a JSON body. */
async function callTool(tool: ToolSpec | undefined, input: Record<string, unknown>, env: AgentEnv, timeoutMs: number) {
  if (!tool) return { content: 'There is no such tool: do not call it again.', is_error: true };
  const rest = { ...input };
  const path = tool.endpoint.url.replace(/\\/:([A-Za-z_]\\w*)/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return \`/\${encodeURIComponent(String(value))}\`;
  });
  const get = tool.endpoint.method === 'GET';
  const query = new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, String(v)]));
  try {
    const response = await fetch(get ? \`\${path}?\${query}\` : path, {
      method: tool.endpoint.method,
      headers: { authorization: \`Bearer \${env.credential}\`, 'content-type': 'application/json' },
      ...(get ? {} : { body: JSON.stringify(rest) }),
      signal: AbortSignal.any([env.signal, AbortSignal.timeout(timeoutMs)]),
    });
    const text = await response.text();
    return response.ok ? { content: text } : { content: \`HTTP \${response.status}: \${text}\`, is_error: true };
  } catch (error) {
    return { content: \`\${tool.name} failed: \${(error as Error).message}\`, is_error: true };
  }
}
`;
