/** The `redisReview.analyzer.*` settings contributed in package.json stay in step with the code that reads them. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_SETTINGS } from '../../../../src/core/editor/analyzerSettings';
import { RULE_IDS } from '../../../../src/core/rules/registry';

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const analyzer = manifest.contributes.configuration.find((section: { title: string }) => section.title === 'Analyzer');
const property = (name: string) => analyzer.properties[`redisReview.analyzer.${name}`];

describe('Analyzer settings contribution', () => {
  it('declares every setting the extension reads, with its default and a markdown description', () => {
    const declared = Object.keys(analyzer.properties).map((key) => key.replace('redisReview.analyzer.', '')).sort();
    expect(declared).toEqual(Object.keys(DEFAULT_ANALYZER_SETTINGS).sort());
    for (const [name, value] of Object.entries(DEFAULT_ANALYZER_SETTINGS)) {
      expect(property(name).default, name).toEqual(value);
      expect(property(name).markdownDescription, name).toBeTruthy();
    }
  });

  it('lists every rule of the registry under redisReview.analyzer.rules (regenerate package.json when this fails)', () => {
    expect(Object.keys(property('rules').properties).sort()).toEqual([...RULE_IDS].sort());
  });

  it('offers the same test/script modes as .redis-review.json', () => {
    expect(property('testAndScriptFiles').enum).toEqual(['rule-default', 'same-as-app', 'skip']);
  });

  it('validates .redis-review.json with the shipped schema', () => {
    const validation = manifest.contributes.jsonValidation.find((entry: { fileMatch: string }) => entry.fileMatch === '.redis-review.json');
    expect(validation.url).toBe('./schemas/redis-review.schema.json');
    expect(existsSync(join(root, 'schemas', 'redis-review.schema.json'))).toBe(true);
  });

  it('contributes the review commands under the Redis category', () => {
    const commands = manifest.contributes.commands.filter((command: { command: string }) =>
      ['redisReview.reviewWorkspace', 'redisReview.showFindings', 'redisReview.showRuleDocumentation', 'redisReview.reviewActiveFile'].includes(command.command),
    );
    expect(commands).toHaveLength(4);
    for (const command of commands) expect(command.category).toBe('Redis');
  });
});
