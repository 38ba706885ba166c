/** A body as JSON when it parses, else as the text it is (an empty body is ''). */
export function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
