/** The title a quick fix shows in the lightbulb menu: the fix's description, plus a review note for unsafe fixes. */

/**
 * "Use SCAN (SCAN may return a key twice; review the change)" rather than two parenthesised remarks in a row:
 * a description that already ends in a remark gets the note inside it.
 */
export function quickFixTitle(description: string, safe: boolean): string {
  if (safe) return description;
  const trimmed = description.trimEnd();
  if (trimmed.endsWith(')') && trimmed.includes('(')) return `${trimmed.slice(0, -1)}; review the change)`;
  return `${trimmed} (review the change)`;
}
