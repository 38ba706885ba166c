import { ContractError } from './errors.ts';
import type { ToolDef } from './types.ts';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
// A custom tool's fields (the SDK's `Tool`): a runtime's own (`endpoint`, `effect`) are refused.
const TOOL_FIELDS = new Set(['name', 'description', 'input_schema', 'type', 'strict', 'cache_control', 'defer_loading', 'eager_input_streaming', 'input_examples', 'allowed_callers']);
const CHOICES = ['auto', 'any', 'tool', 'none'];
// The versioned tools the API defines itself (the SDK's ToolUnion: web_search_20250305, bash_20250124,
// text_editor_20250728, …): each has fields of its own and no input_schema, so only the name is checked.
const VERSIONED = /^[a-z_]+_\d{8}$/;

export function validateTools(tools: unknown): void {
  if (tools === undefined) return;
  if (!Array.isArray(tools)) throw new ContractError(400, 'tools: Input should be a valid list');
  const seen = new Set<string>();
  tools.forEach((tool, i) => {
    const name = (tool as { name?: unknown }).name;
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) throw new ContractError(400, `tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    if (seen.has(name)) throw new ContractError(400, 'tools: Tool names must be unique.');
    seen.add(name);
    const type = (tool as { type?: unknown }).type;
    if (typeof type === 'string' && type !== 'custom') {
      if (!VERSIONED.test(type)) throw new ContractError(400, `tools.${i}: Input tag '${type}' found using 'type' does not match any of the expected tags`);
      return;
    }
    const schema = (tool as { input_schema?: { type?: unknown } }).input_schema;
    if (!schema || schema.type !== 'object') throw new ContractError(400, `tools.${i}.custom.input_schema.type: Input should be 'object'`);
    const extra = Object.keys(tool as object).find((key) => !TOOL_FIELDS.has(key));
    if (extra) throw new ContractError(400, `tools.${i}.custom.${extra}: Extra inputs are not permitted`);
  });
}

/**
 * `tool_choice`: one of the four kinds; `tool` names a tool the request offers, and `any` and
 * `tool` need tools to choose from. The wording of the last two is not documented (see the
 * fidelity test); the status and type are those of every other invalid request.
 */
export function validateToolChoice(choice: unknown, tools: ToolDef[] | undefined): void {
  if (choice === undefined) return;
  const type = (choice as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !CHOICES.includes(type)) throw new ContractError(400, `tool_choice: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`);
  if ((type === 'any' || type === 'tool') && !tools?.length) throw new ContractError(400, 'tool_choice may only be specified while providing tools.');
  if (type !== 'tool') return;
  const name = (choice as { name?: unknown }).name;
  if (typeof name !== 'string') throw new ContractError(400, 'tool_choice.tool.name: Field required');
  if (!tools?.some((t) => t.name === name)) throw new ContractError(400, `tool_choice.tool.name: Tool '${name}' not found in provided tools`);
}
