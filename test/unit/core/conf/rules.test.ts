/** Every rule's own bad/good examples run as fixtures: bad must trigger the rule, good must not. */
import { describe, expect, it } from 'vitest';
import { CONF_RULES, lintRedisConf } from '../../../../src/core/conf';

function lint(text: string, sentinel: boolean | undefined) {
  return lintRedisConf(text, { fileName: sentinel ? 'sentinel.conf' : 'redis.conf' });
}

describe('redis.conf rules', () => {
  it('has at least 40 rules with unique ids and codes', () => {
    expect(CONF_RULES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CONF_RULES.map((r) => r.id)).size).toBe(CONF_RULES.length);
    expect(new Set(CONF_RULES.map((r) => r.code)).size).toBe(CONF_RULES.length);
    for (const rule of CONF_RULES) expect(rule.code).toMatch(/^RC\d{3}$/);
  });

  for (const rule of CONF_RULES) {
    describe(`${rule.code} ${rule.id}`, () => {
      it('flags its bad example', () => {
        expect(lint(rule.bad, rule.sentinel).map((f) => f.ruleId)).toContain(rule.id);
      });
      it('accepts its good example', () => {
        expect(lint(rule.good, rule.sentinel).map((f) => f.ruleId)).not.toContain(rule.id);
      });
      it('applies its fixes to text that no longer triggers the finding at that place', () => {
        const finding = lint(rule.bad, rule.sentinel).find((f) => f.ruleId === rule.id);
        for (const fix of finding?.fixes ?? []) {
          const edits = [...fix.edits].sort((a, b) => b.startOffset - a.startOffset);
          let text = rule.bad;
          for (const edit of edits) text = text.slice(0, edit.startOffset) + edit.newText + text.slice(edit.endOffset);
          const after = lint(text, rule.sentinel).filter((f) => f.ruleId === rule.id);
          expect(after.length, `${rule.id} after "${fix.description}":\n${text}`).toBeLessThan(lint(rule.bad, rule.sentinel).filter((f) => f.ruleId === rule.id).length);
        }
      });
    });
  }
});
