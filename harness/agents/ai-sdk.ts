import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText, jsonSchema, stepCountIs, tool, type ToolSet } from 'ai';
import { callEndpoint } from './http.ts';
import type { Agent, AgentEnv, AgentReply, AgentTask } from './types.ts';

// generateText stops after one step unless told otherwise; 20 matches sdk-tool-runner's cap.
const MAX_STEPS = 20;

/**
 * The AI SDK's loop as its docs show it, over `tools` however they are reached (HTTP here, MCP in
 * mcp-agent.ts): `generateText` with a step limit, the provider pointed at the host the harness
 * gives the SDK client, with the client's key.
 */
export async function generateWithTools(task: AgentTask, env: AgentEnv, tools: ToolSet): Promise<AgentReply> {
  // The AI SDK's base URL includes the API version; the Anthropic SDK's does not.
  const anthropic = createAnthropic({ apiKey: env.client.apiKey ?? undefined, baseURL: `${env.client.baseURL.replace(/\/$/, '')}/v1` });
  const result = await generateText({
    model: anthropic(task.model),
    system: task.system,
    prompt: task.prompt,
    tools,
    stopWhen: stepCountIs(MAX_STEPS),
    maxOutputTokens: task.maxTokens,
    abortSignal: env.signal,
  });
  // The last step still asking for tools means the step limit, not the model, ended the loop.
  const pending = result.finishReason === 'tool-calls' && result.steps.length >= MAX_STEPS;
  return { text: result.text, stopReason: pending ? 'limit' : 'answer' };
}

/**
 * The Vercel AI SDK (`ai` with `@ai-sdk/anthropic`) as its docs show it: `generateText` with
 * tools and a step limit, calling the same endpoints. Nothing is hardened beyond the library's
 * defaults (its own retries of the model call included): its verdicts are reported as found.
 *
 * It is the worked example of wrapping a fetch-based framework: point its provider at the host the
 * harness gives the SDK client, with the client's key, and call tools with the user's credential.
 * The provider calls `globalThis.fetch` at request time and sleeps on the global `setTimeout`, so
 * the harness's per-run fetch (which serves the Messages API at its real host in-process, as it
 * serves the tools) and virtual clock reach it with no `fetch` option.
 */
export const aiSdk: Agent = {
  name: 'ai-sdk',
  async run(task, env) {
    const tools: ToolSet = {};
    for (const spec of task.tools) {
      tools[spec.name] = tool({
        description: spec.description,
        inputSchema: jsonSchema(spec.input_schema as never),
        async execute(input, { abortSignal }) {
          const reply = await callEndpoint(spec, input, { credential: env.credential, signal: abortSignal ?? env.signal });
          // A thrown error reaches the model as the library's tool-error result.
          if (reply.status >= 300) throw new Error(`HTTP ${reply.status}: ${reply.text}`);
          return reply.text;
        },
      });
    }
    return generateWithTools(task, env, tools);
  },
};
