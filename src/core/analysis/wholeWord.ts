/** Whole-word search without a regex compiled per word. */

/** [A-Za-z0-9_$]; NaN (before the start or past the end of a text) is not. */
function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

/**
 * Whether a non-empty `word` occurs in `text` with no name character on either side: what
 * `new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).test(text)` says, by indexOf over its occurrences.
 */
export function occursAsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isNameChar(text.charCodeAt(at - 1)) && !isNameChar(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}
