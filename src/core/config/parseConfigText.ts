/** The text of a `.redis-review.json` as JSON; editors on Windows often save it with a UTF-8 byte order mark. */

/** Parses the file's text, ignoring a leading byte order mark (JSON.parse rejects it). Throws SyntaxError. */
export function parseConfigText(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
