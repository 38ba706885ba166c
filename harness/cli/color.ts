/** What colour decisions need of an output stream: a tty.WriteStream has both, a pipe neither. */
export type ColorStream = { isTTY?: boolean; hasColors?: (count?: number, env?: NodeJS.ProcessEnv) => boolean };

/**
 * Whether to colour what goes to `stream`. Node 20's own `hasColors` gets three things wrong for a
 * CLI whose output lands in CI logs and pipes, so they are decided here first:
 * - `NO_COLOR` present and non-empty disables colour (https://no-color.org). Node also disables it
 *   for an empty value, and lets `FORCE_COLOR` override it; here a user who asked for none gets none.
 * - `FORCE_COLOR` (Node's values: '', 1, true, 2, 3 force colour; anything else turns it off) also
 *   applies to pipes, which have no `hasColors` at all.
 * Otherwise only a TTY that says it can show 16 colours gets them (TERM=dumb and most CI say no).
 *
 * @example colorEnabled(process.stdout) // false under `NO_COLOR=1`, and when piped to a file
 */
export function colorEnabled(stream: ColorStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return ['', '1', 'true', '2', '3'].includes(env.FORCE_COLOR);
  // An empty NO_COLOR must not reach Node's check, which would read it as set.
  return stream.isTTY === true && stream.hasColors?.(16, { ...env, NO_COLOR: undefined }) === true;
}

// SGR codes with their own reset, so a coloured span never ends another's (bold's 22 leaves red on).
const styles = { red: [31, 39], green: [32, 39], bold: [1, 22], dim: [2, 22] } as const;
type Style = keyof typeof styles;
export type Paint = (style: Style, text: string) => string;

/** A painter that wraps text in ANSI styles when `enabled`, and returns it untouched otherwise. */
export function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => `\x1b[${styles[style][0]}m${text}\x1b[${styles[style][1]}m` : (_style, text) => text;
}
