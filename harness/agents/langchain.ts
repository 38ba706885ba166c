import { ChatAnthropic } from '@langchain/anthropic';
import { createAgent, tool } from 'langchain';
import { callEndpoint } from './http.ts';
import type { Agent } from './types.ts';

/**
 * LangChain.js (`langchain` 1 with `@langchain/anthropic`) as its docs show it: `createAgent` with a
 * `ChatAnthropic` model and `tool()`s calling the same endpoints. Nothing is hardened beyond the
 * library's defaults (its own retries of the model call and its recursion limit included): its
 * verdicts are reported as found.
 *
 * ChatAnthropic builds its Anthropic client (a copy of the SDK of its own) on its first call, which
 * takes `globalThis.fetch` then: inside the run, so the run's fetch serves it; it sleeps on the
 * global `setTimeout` and draws retry jitter from `Math.random`, which the run fakes and seeds.
 */
export const langchain: Agent = {
  name: 'langchain',
  async run(task, env) {
    const model = new ChatAnthropic({ model: task.model, apiKey: env.client.apiKey ?? undefined, anthropicApiUrl: env.client.baseURL, maxTokens: task.maxTokens });
    const tools = task.tools.map((spec) =>
      tool(
        async (input, config) => {
          const reply = await callEndpoint(spec, input, { credential: env.credential, signal: config?.signal ?? env.signal });
          // A thrown error reaches the model as the library's error ToolMessage ("Error: … Please fix your mistakes.").
          if (reply.status >= 300) throw new Error(`HTTP ${reply.status}: ${reply.text}`);
          return reply.text;
        },
        { name: spec.name, description: spec.description, schema: spec.input_schema as never },
      ),
    );
    const agent = createAgent({ model, tools, systemPrompt: task.system });
    try {
      const state = await withoutTracing(() => agent.invoke({ messages: [{ role: 'user', content: task.prompt }] }, { signal: env.signal }));
      return { text: state.messages.at(-1)?.text ?? '', stopReason: 'answer' };
    } catch (error) {
      // LangGraph's step limit (25 supersteps by default) ends the loop by throwing GraphRecursionError.
      if ((error as { lc_error_code?: string }).lc_error_code === 'GRAPH_RECURSION_LIMIT') return { text: (error as Error).message.split('\n')[0] ?? '', stopReason: 'limit' };
      throw error;
    }
  },
};

// Any of these set to "true" in the environment turns LangSmith tracing on: every step would be sent
// to api.smith.langchain.com, refused in a run and recorded, so the history would depend on the
// environment faultline runs in. Off for the run, as they are where none is set.
const TRACING = ['LANGSMITH_TRACING_V2', 'LANGCHAIN_TRACING_V2', 'LANGSMITH_TRACING', 'LANGCHAIN_TRACING'];

async function withoutTracing<T>(run: () => Promise<T>): Promise<T> {
  const saved = TRACING.map((name) => [name, process.env[name]] as const);
  for (const name of TRACING) if (process.env[name] === 'true') process.env[name] = 'false';
  try {
    return await run();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
