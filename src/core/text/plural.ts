/**
 * Counts with the right word form, the one helper every user-facing text uses ("1 key", "2 keys", "1 of them
 * has"): no "key(s)", no "1 keys". Numbers are grouped the same way everywhere (1,234).
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The singular or plural form for this count (nouns and verbs alike: wordFor(n, 'has', 'have')). */
export function wordFor(count: number, singular: string, plural = `${singular}s`): string {
  return count === 1 ? singular : plural;
}

/** "1 key", "0 keys", "1,234 keys"; irregular plurals are passed in: countOf(n, 'hash', 'hashes'). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${integer.format(count)} ${wordFor(count, singular, plural)}`;
}
