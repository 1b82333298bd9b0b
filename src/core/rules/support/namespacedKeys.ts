/**
 * A caller's key that a store wrapper only puts under its namespace (`key = NS.PREFIX + ':' + key`,
 * `` `${this.prefix}:${key}` ``, `f"{self.prefix}:{key}"`): the key is still the caller's choice, as when the
 * wrapper passes it through untouched. A literal that names a family of keys (`'visitors:' + key`) is the
 * wrapper's own choice and does not count.
 */
import type { FileModel, RedisCallSite } from '../../analysis/model';
import { isParameter } from '../../analysis/keyReferences';

/** A namespace: a constant or an attribute (`PREFIX`, `NS.PREFIX`, `this.prefix`, `self._ns`). */
const NAMESPACE = /^(?:[A-Z][A-Z0-9_]*|(?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*)$/;
/** A literal part that only separates (`':'`, `"."`), naming nothing. */
const SEPARATOR = /^(["'`])[:._/|-]?\1$/;

/** The parameter a key expression puts under a namespace, when that is all the expression does. */
export function namespacedParameter(model: FileModel, site: RedisCallSite, source: string): string | undefined {
  const text = source.trim();
  let parts: string[];
  const template = /^(?:f(["'])|`)(.*)(?:\1|`)$/s.exec(text);
  if (template) {
    const holes = [...template[2].matchAll(/\$?\{([^{}]+)\}/g)].map((match) => match[1].trim());
    const literal = template[2].replace(/\$?\{[^{}]+\}/g, '');
    if (!/^[:._/|-]*$/.test(literal) || literal.length > holes.length) return undefined;
    parts = holes;
  } else {
    if (!text.includes('+')) return undefined;
    parts = text.split('+').map((part) => part.trim()).filter((part) => !SEPARATOR.test(part));
  }
  const variables = parts.filter((part) => !NAMESPACE.test(part));
  if (parts.length < 2 || variables.length !== 1 || !/^[A-Za-z_$][\w$]*$/.test(variables[0])) return undefined;
  return isParameter(model, site, variables[0]) ? variables[0] : undefined;
}
