import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_SETTINGS, sanitizeAnalyzerSettings } from '../../../../src/core/editor/analyzerSettings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe('sanitizeAnalyzerSettings', () => {
  it('gives the defaults for missing values', () => {
    expect(sanitizeAnalyzerSettings(reader({}))).toEqual(DEFAULT_ANALYZER_SETTINGS);
  });

  it('keeps valid values', () => {
    const settings = sanitizeAnalyzerSettings(
      reader({ enable: false, run: 'onSave', debounceMs: 40, testAndScriptFiles: 'skip', hover: false, statusBar: false }),
    );
    expect(settings).toMatchObject({ enable: false, run: 'onSave', debounceMs: 40, testAndScriptFiles: 'skip', hover: false, statusBar: false });
  });

  it('replaces invalid values by defaults and clamps the debounce', () => {
    const settings = sanitizeAnalyzerSettings(reader({ enable: 'yes', run: 'always', debounceMs: -5, testAndScriptFiles: 7 }));
    expect(settings.enable).toBe(true);
    expect(settings.run).toBe('onType');
    expect(settings.debounceMs).toBe(0);
    expect(settings.testAndScriptFiles).toBe('rule-default');
    expect(sanitizeAnalyzerSettings(reader({ debounceMs: 1e9 })).debounceMs).toBe(10_000);
    expect(sanitizeAnalyzerSettings(reader({ debounceMs: Number.NaN })).debounceMs).toBe(100);
  });

  it('keeps valid per-rule settings, accepts "warn", drops nonsense', () => {
    const settings = sanitizeAnalyzerSettings(
      reader({ rules: { 'keys-command': 'off', 'set-then-expire': 'warn', 'select-db': 'loud', 'sort-command': 3, 'del-large-key': 'hint' } }),
    );
    expect(settings.rules).toEqual({ 'keys-command': 'off', 'set-then-expire': 'warning', 'del-large-key': 'hint' });
    expect(sanitizeAnalyzerSettings(reader({ rules: ['keys-command'] })).rules).toEqual({});
  });
});
