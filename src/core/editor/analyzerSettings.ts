/**
 * The editor's analyzer settings (`redisReview.analyzer.*`) as one typed shape, sanitized at the boundary:
 * whatever a user typed into settings.json, the rest of the extension sees valid values.
 */
import type { ContextMode, RuleSetting } from '../config/configShape';

/** Review while typing (debounced) or only when the file is saved. */
export type RunMode = 'onType' | 'onSave';
/** How findings in test and script files are shown (the same vocabulary as `nonAppFiles` in .redis-review.json). */
export type TestAndScriptMode = ContextMode;

export interface AnalyzerSettings {
  enable: boolean;
  run: RunMode;
  debounceMs: number;
  rules: Readonly<Record<string, RuleSetting>>;
  testAndScriptFiles: TestAndScriptMode;
  hover: boolean;
  statusBar: boolean;
}

export const DEFAULT_ANALYZER_SETTINGS: AnalyzerSettings = {
  enable: true,
  run: 'onType',
  debounceMs: 100,
  rules: {},
  testAndScriptFiles: 'rule-default',
  hover: true,
  statusBar: true,
};

const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info', 'hint'];
const MAX_DEBOUNCE_MS = 10_000;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function ruleSettings(value: unknown): Record<string, RuleSetting> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const rules: Record<string, RuleSetting> = {};
  for (const [ruleId, setting] of Object.entries(value)) {
    // "warn" is what ESLint users type; accept it rather than silently ignoring the rule.
    const normalized = setting === 'warn' ? 'warning' : setting === 'information' ? 'info' : setting;
    if (typeof normalized === 'string' && (RULE_SETTINGS as readonly string[]).includes(normalized)) {
      rules[ruleId] = normalized as RuleSetting;
    }
  }
  return rules;
}

/** Builds settings from a reader of raw values keyed by the name after `redisReview.analyzer.`. */
export function sanitizeAnalyzerSettings(read: (key: string) => unknown): AnalyzerSettings {
  const defaults = DEFAULT_ANALYZER_SETTINGS;
  const debounce = read('debounceMs');
  return {
    enable: bool(read('enable'), defaults.enable),
    run: oneOf(read('run'), ['onType', 'onSave'], defaults.run),
    debounceMs:
      typeof debounce === 'number' && Number.isFinite(debounce)
        ? Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(debounce)))
        : defaults.debounceMs,
    rules: ruleSettings(read('rules')),
    testAndScriptFiles: oneOf(read('testAndScriptFiles'), ['rule-default', 'same-as-app', 'skip'], defaults.testAndScriptFiles),
    hover: bool(read('hover'), defaults.hover),
    statusBar: bool(read('statusBar'), defaults.statusBar),
  };
}
