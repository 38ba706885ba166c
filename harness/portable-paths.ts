import { sep } from 'node:path';

// The folder faultline runs in (a checkout, a team's project), as it appears in stack traces: an
// agent's error, and the tool errors some frameworks send the model (LangChain puts the stack of a
// schema error in its tool_result). Written as `<project>/…` in what is recorded, counted and
// matched, so the same seed gives the same history, and the same token counts, in any folder.
const PROJECT = `${process.cwd().replace(/[\\/]+$/, '')}${sep}`;
const MARK = `<project>${sep}`;
// Only where a path starts (the text's start, a space, a quote, a bracket, `file://`, `=`, `:`, `,`):
// `/app/` inside a URL or a longer path (`https://docs.example/app/x`, `/var/app/x`) is not this folder.
const AT_PATH_START = PROJECT.length > 1 ? new RegExp(`(?<=^|[\\s"'\`([{<=:,]|file://)${PROJECT.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'g') : undefined;

/** `text` with the project's folder, where a path starts, written as `<project>/`. */
export const portablePaths = (text: string): string => (AT_PATH_START && text.includes(PROJECT) ? text.replace(AT_PATH_START, MARK) : text);
