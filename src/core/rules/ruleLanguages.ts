/** The language families a rule runs on: those of its metadata, plus Go and Java where the rule has a check for them. */
import { goCheckFor } from './go/goChecks';
import { javaCheckFor } from './java/javaChecks';
import type { LanguageFamily, Rule } from './rule';

const ORDER: readonly LanguageFamily[] = ['python', 'javascript', 'go', 'java'];

export function ruleLanguages(rule: Rule): LanguageFamily[] {
  const id = rule.meta.id;
  return ORDER.filter((family) => rule.meta.languages.includes(family) || (family === 'go' && goCheckFor(id) !== undefined) || (family === 'java' && javaCheckFor(id) !== undefined));
}
