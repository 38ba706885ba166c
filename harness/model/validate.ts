import { ContractError } from './errors.ts';
import { blocksOf, type MessagesRequest } from './types.ts';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

/**
 * Checks a request body against the API's contract and throws the 400 the real API would send, so
 * a runtime bug (a `tool_use` left without its `tool_result`) fails here the way it does in production.
 * A threaded request is checked after its thread's stored messages are put in front of it.
 */
export function validateRequest(body: unknown): asserts body is MessagesRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ContractError(400, 'The request body is not a JSON object.');
  const req = body as Record<string, unknown>;
  if (typeof req.model !== 'string' || !req.model) throw new ContractError(400, 'model: Field required');
  if (!Number.isInteger(req.max_tokens) || (req.max_tokens as number) < 1) throw new ContractError(400, 'max_tokens: Field required');
  if (!Array.isArray(req.messages)) throw new ContractError(400, 'messages: Field required');
  validateTools(req.tools);
  validateMessages(req.messages as MessagesRequest['messages']);
}

function validateTools(tools: unknown): void {
  if (tools === undefined) return;
  if (!Array.isArray(tools)) throw new ContractError(400, 'tools: Input should be a valid list');
  const seen = new Set<string>();
  tools.forEach((tool, i) => {
    const name = (tool as { name?: unknown }).name;
    if (typeof name !== 'string' || !TOOL_NAME.test(name))
      throw new ContractError(400, `tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    if (seen.has(name)) throw new ContractError(400, 'tools: Tool names must be unique.');
    seen.add(name);
    const schema = (tool as { input_schema?: { type?: unknown } }).input_schema;
    if (schema?.type !== 'object') throw new ContractError(400, `tools.${i}.custom.input_schema.type: Input should be 'object'`);
  });
}

function validateMessages(messages: MessagesRequest['messages']): void {
  if (messages.length === 0) throw new ContractError(400, 'messages: at least one message is required');
  messages.forEach((message, i) => {
    if (message.role !== 'user' && message.role !== 'assistant')
      throw new ContractError(400, `messages.${i}.role: Input should be 'user' or 'assistant'`);
    const blocks = blocksOf(message.content);
    const uses = blocks.filter((b) => b.type === 'tool_use').map((b) => (b as { id: string }).id);
    const next = messages[i + 1];
    if (message.role === 'assistant' && uses.length && next) {
      const answered = new Set(blocksOf(next.content).filter((b) => b.type === 'tool_result').map((b) => (b as { tool_use_id: string }).tool_use_id));
      const missing = uses.filter((id) => !answered.has(id));
      if (next.role !== 'user' || missing.length)
        throw new ContractError(
          400,
          `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. ` +
            'Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
        );
    }
    if (message.role === 'user') {
      const prev = messages[i - 1];
      const prevUses = new Set(prev ? blocksOf(prev.content).filter((b) => b.type === 'tool_use').map((b) => (b as { id: string }).id) : []);
      blocks.forEach((b, k) => {
        if (b.type !== 'tool_result') return;
        const id = (b as { tool_use_id: string }).tool_use_id;
        if (!prevUses.has(id))
          throw new ContractError(
            400,
            `messages.${i}.content.${k}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. ` +
              'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
          );
      });
    }
  });
}
