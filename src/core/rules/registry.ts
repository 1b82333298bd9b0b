/** The explicit list of rules, in documentation order. Adding a rule = one module + one line here. */
import { keysCommand } from './keys-command';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [keysCommand];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.meta.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
