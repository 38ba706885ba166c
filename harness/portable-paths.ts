import { sep } from 'node:path';

// The folder faultline runs in (a checkout, a team's project), as it appears in stack traces: an
// agent's error, and the tool errors some frameworks send the model (LangChain puts the stack of a
// schema error in its tool_result). Written as `<project>/…` in what is recorded and counted, so the
// same seed gives the same history, and the same token counts, in any folder on any machine.
const PROJECT = `${process.cwd().replace(/[\\/]+$/, '')}${sep}`;
const MARK = `<project>${sep}`;

/** `text` with the project's folder written as `<project>/`. */
export const portablePaths = (text: string): string => (PROJECT.length > 1 && text.includes(PROJECT) ? text.replaceAll(PROJECT, MARK) : text);
