import { betaZodTool } from '@anthropic-ai/sdk/helpers/beta/zod';
import { z } from 'zod';
import { callEndpoint } from './http.ts';
import type { Agent } from './types.ts';

// The SDK's own loop has no cap by default; the seeds' runaway loop is what an unset cap costs.
const MAX_ITERATIONS = 20;

/**
 * The SDK's own tool runner (`client.beta.messages.toolRunner` with `betaZodTool` tools) calling
 * the same endpoints. Nothing here is hardened beyond what the SDK does: its verdicts are
 * reported as found.
 */
export const sdkToolRunner: Agent = {
  name: 'sdk-tool-runner',
  async run(task, env) {
    const tools = task.tools.map((spec) =>
      betaZodTool({
        name: spec.name,
        description: spec.description,
        inputSchema: z.fromJSONSchema(spec.input_schema as never) as z.ZodObject,
        async run(input) {
          const reply = await callEndpoint(spec, input, { credential: env.credential, signal: env.signal });
          // A thrown error reaches the model as an is_error tool_result ("Error: …").
          if (reply.status >= 300) throw new Error(`HTTP ${reply.status}: ${reply.text}`);
          return reply.text;
        },
      }),
    );
    const final = await env.client.beta.messages.toolRunner(
      { model: task.model, max_tokens: task.maxTokens, system: task.system, messages: [{ role: 'user', content: task.prompt }], tools, max_iterations: MAX_ITERATIONS },
      { signal: env.signal },
    );
    const text = final.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    return { text, stopReason: final.stop_reason === 'tool_use' ? 'limit' : 'answer' };
  },
};
