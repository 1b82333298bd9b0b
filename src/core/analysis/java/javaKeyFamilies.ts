/**
 * Key families of Java code built from constants: `RedisKeys.CART + userId` and `CART + uid` both name the family
 * `{CART}*`, whichever class holds the constant and whatever the variable is called. Used to match a DEL with the
 * writes that fill the same family in this file or another file of the project (through the workspace index).
 */
import type { RedisCallSite } from '../model';

/** Prefix that keeps families apart from the literal key patterns the workspace index also records. */
const FAMILY = 'java-family:';

/** `Foo.BAR`, `BAR`: an upper-case constant, optionally qualified by its class. */
const CONSTANT = /^(?:[A-Z]\w*\.)*([A-Z][A-Z0-9_]*)$/;

/** The family of one key expression, or undefined when it names no constant (all variables, or calls). */
function familyOfExpression(expression: string): string | undefined {
  const parts = expression.replace(/\s+/g, '').split('+');
  let constants = 0;
  const shape = parts.map((part) => {
    if (/^"[^"]*"$/.test(part)) return part.slice(1, -1);
    const constant = CONSTANT.exec(part)?.[1];
    if (constant && constant.length >= 3) {
      constants++;
      return `{${constant}}`;
    }
    return '*';
  });
  if (!constants) return undefined;
  return FAMILY + shape.join('').replace(/\*+/g, '*');
}

/**
 * The family of a call's key (its first argument), following a local it was assigned to in the same method
 * (`String key = CART + userId; … delete(key)`).
 */
export function javaKeyFamily(text: string, site: RedisCallSite): string | undefined {
  const arg = site.args[0]?.text.trim();
  if (!arg) return undefined;
  if (/^[a-z]\w*$/.test(arg) && site.enclosingFunction) {
    const body = text.slice(site.enclosingFunction.span.startOffset, site.span.startOffset);
    const assigned = [...body.matchAll(new RegExp(`\\b${arg}\\s*=(?!=)\\s*([^;]+);`, 'g'))].pop()?.[1];
    return assigned ? familyOfExpression(assigned) : undefined;
  }
  return familyOfExpression(arg);
}
