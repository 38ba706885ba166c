import { sep } from 'node:path';

// The folder faultline runs in (a checkout, a team's project), as it appears in stack traces: an
// agent's error, and the tool errors some frameworks send the model (LangChain puts the stack of a
// schema error in its tool_result). Written as `<project>/…` in what is recorded, counted and
// matched, so the same seed gives the same history, and the same token counts, in any folder.
const PROJECT = `${process.cwd().replace(/[\\/]+$/, '')}${sep}`;
const MARK = `<project>${sep}`;
// Only where a path starts: not inside a URL or a longer path (`https://docs.example/app/x`,
// `/var/app/x`: a character of a name or a path before it), but after `file://`, an escape of the
// JSON the body is (`\n`), or a terminal colour (`ESC[90m`, raw or escaped as JSON writes it).
const AT_PATH_START = PROJECT.length > 1 ? new RegExp(`(?<=^|file://|\\\\[nrt]|(?:\\x1b|\\\\u001b)\\[[\\d;]*m|[^\\w.~%+\\-/])${PROJECT.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'g') : undefined;

/** `text` with the project's folder, where a path starts, written as `<project>/`. */
export const portablePaths = (text: string): string => (AT_PATH_START && text.includes(PROJECT) ? text.replace(AT_PATH_START, MARK) : text);
