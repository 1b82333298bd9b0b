import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../../src/core/config';
import { DEFAULT_ANALYZER_SETTINGS } from '../../../../src/core/editor/analyzerSettings';
import { mergeEditorConfig } from '../../../../src/core/editor/editorConfig';

const RULE_IDS = ['keys-command', 'set-then-expire', 'select-db'];
const settings = {
  ...DEFAULT_ANALYZER_SETTINGS,
  rules: { 'keys-command': 'info', 'select-db': 'off' } as const,
  testAndScriptFiles: 'skip' as const,
};

describe('mergeEditorConfig', () => {
  it('uses the settings when there is no project file', () => {
    const { config, problems } = resolveConfig(mergeEditorConfig(settings, undefined), RULE_IDS);
    expect(problems).toEqual([]);
    expect(config.rules).toEqual({ 'keys-command': 'info', 'select-db': 'off' });
    expect(config.nonAppFiles).toBe('skip');
  });

  it('lets the project file win per rule and per option, keeping settings for what it does not mention', () => {
    const project = { rules: { 'keys-command': 'error', 'set-then-expire': 'off' }, nonAppFiles: 'same-as-app', cluster: true, ignore: ['legacy/**'] };
    const { config } = resolveConfig(mergeEditorConfig(settings, project), RULE_IDS);
    expect(config.rules).toEqual({ 'keys-command': 'error', 'set-then-expire': 'off', 'select-db': 'off' });
    expect(config.nonAppFiles).toBe('same-as-app');
    expect(config.cluster).toBe(true);
    expect(config.ignore).toEqual(['legacy/**']);
  });

  it('takes the target server from the project file as the CLI does, defaulting to the oldest', () => {
    expect(resolveConfig(mergeEditorConfig(settings, { server: 'valkey-8' }), RULE_IDS).config.server).toBe('valkey-8');
    expect(resolveConfig(mergeEditorConfig(settings, undefined), RULE_IDS).config.server).toBe('redis-7.0');
    expect(resolveConfig(mergeEditorConfig(settings, { server: 'valkey-9' }), RULE_IDS).problems.map((problem) => problem.path)).toEqual(['server']);
  });

  it('ignores a project file that is not an object', () => {
    expect(mergeEditorConfig(settings, ['nonsense'])).toEqual({ rules: settings.rules, nonAppFiles: 'skip' });
  });
});
