/**
 * The configuration the editor reviews with: VS Code settings as the base, the project's `.redis-review.json`
 * on top (the project file wins wherever it says something, so the team's choices beat personal settings).
 */
import type { RedisReviewConfigFile } from '../config/configShape';
import type { AnalyzerSettings } from './analyzerSettings';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Raw config (the `.redis-review.json` shape) merging settings under the project file; feed it to
 * `resolveConfig`. A project file that is not an object contributes nothing (its problems are reported elsewhere).
 */
export function mergeEditorConfig(settings: AnalyzerSettings, projectFile: unknown): RedisReviewConfigFile {
  const base: RedisReviewConfigFile = { rules: { ...settings.rules }, nonAppFiles: settings.testAndScriptFiles };
  if (!isObject(projectFile)) return base;
  const project = projectFile as RedisReviewConfigFile;
  const projectRules = isObject(project.rules) ? project.rules : {};
  return {
    ...base,
    ...project,
    rules: { ...base.rules, ...projectRules },
    nonAppFiles: project.nonAppFiles ?? base.nonAppFiles,
  };
}
