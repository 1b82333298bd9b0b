/** The language offered first is the workspace's: the shallowest project marker decides, a setting overrides. */
import { describe, expect, it } from 'vitest';
import { LANGUAGE_MARKER_GLOB, workspaceLanguage } from '../../../../src/core/scaffold/workspaceLanguage';

describe('workspaceLanguage', () => {
  it('detects Python and TypeScript projects from their markers', () => {
    expect(workspaceLanguage(['pyproject.toml'])).toBe('python');
    expect(workspaceLanguage(['requirements.txt', 'docs/package.json'])).toBe('python');
    expect(workspaceLanguage(['package.json', 'tools/requirements.txt'])).toBe('typescript');
    expect(workspaceLanguage(['web/tsconfig.json'])).toBe('typescript');
  });

  it('prefers Python on a tie and knows nothing without markers', () => {
    expect(workspaceLanguage(['package.json', 'pyproject.toml'])).toBe('python');
    expect(workspaceLanguage(['README.md'])).toBeUndefined();
    expect(workspaceLanguage([])).toBeUndefined();
  });

  it('lets the setting win', () => {
    expect(workspaceLanguage(['pyproject.toml'], 'typescript')).toBe('typescript');
  });

  it('searches for every marker', () => {
    for (const name of ['pyproject.toml', 'requirements.txt', 'package.json', 'tsconfig.json']) expect(LANGUAGE_MARKER_GLOB).toContain(`**/${name}`);
  });
});
