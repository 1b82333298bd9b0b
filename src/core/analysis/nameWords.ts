/**
 * The words of an identifier or key expression, lower-cased: `userLikesKey` -> user, likes, key;
 * `acn:owners:*:agents` -> acn, owners, agents; `NODES_KEY` -> nodes, key. Rules judge what a key holds by them.
 */
export function nameWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
