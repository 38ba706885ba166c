import { gzipSync } from 'node:zlib';
import { redactText } from '../redact.ts';
import { esc } from './escape.ts';

/**
 * Markup kept in the page gzipped and base64-encoded, in a `<script type="application/octet-stream">`
 * the page's script unpacks with the browser's DecompressionStream (no fetch: it works from disk).
 * Most of a report is text a reader never opens (thousands of runs' checks, hundreds of diagrams):
 * packed, the main job's 1 680 runs take about 1 MB instead of 10.
 *
 * The text is redacted before it is packed, since renderReport's last pass over the page cannot
 * see inside base64; nor can that pass change base64 (the shapes it looks for need characters
 * base64 lacks, except an AWS key id, 20 letters and digits between non-word characters: about one
 * chance in 10^8 per report).
 */
export function packed(id: string, text: string, attrs = ''): string {
  const data = gzipSync(redactText(text), { level: 9 }).toString('base64');
  return `<script type="application/octet-stream" id="${esc(id)}"${attrs}>${data}</script>`;
}

/** Characters of markup per packed chunk of bodies: deflate looks 32 KB back, so chunks this large lose little. */
const CHUNK_CHARS = 250_000;

/**
 * The bodies of the runs' rows, in list order, packed as JSON arrays in chunks of about
 * CHUNK_CHARS (`data-first`: the index of a chunk's first run), so opening a run unpacks one chunk.
 */
export function packedBodies(bodies: readonly string[]): string {
  const chunks: string[] = [];
  let first = 0;
  let chars = 0;
  bodies.forEach((body, i) => {
    chars += body.length;
    if (chars < CHUNK_CHARS && i < bodies.length - 1) return;
    chunks.push(packed(`bodies-${first}`, JSON.stringify(bodies.slice(first, i + 1)), ` class="bodies" data-first="${first}"`));
    first = i + 1;
    chars = 0;
  });
  return chunks.join('\n');
}
