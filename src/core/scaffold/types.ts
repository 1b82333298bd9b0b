/** The data shapes of the scaffold generator: patterns, their options and the files they produce. */

export type ScaffoldLanguage = 'python' | 'typescript';

export const SCAFFOLD_LANGUAGES: readonly ScaffoldLanguage[] = ['python', 'typescript'];

/** What the user chooses when generating a pattern. */
export interface ScaffoldOptions {
  /** Key prefix baked in as the default of the generated class; the pattern's own default when omitted. */
  prefix?: string;
  /** Also write a pytest / vitest file that runs the module against the Redis at REDIS_URL. */
  withTests?: boolean;
}

/** An option a pattern understands, described for `--list`, QuickPicks and docs. */
export interface ScaffoldOptionSpec {
  name: keyof ScaffoldOptions;
  description: string;
  default: string | boolean;
}

/** One generated file, with a path relative to the output folder. */
export interface GeneratedFile {
  path: string;
  role: 'module' | 'test';
  content: string;
}

/** Source text of one language's module and test for a pattern. */
export interface LanguageTemplates {
  /** File name without extension (`rate_limiter`, `rateLimiter`). */
  moduleName: string;
  module(prefix: string): string;
  test(prefix: string): string;
}

/** A scaffoldable Redis pattern: metadata plus the templates for each language. */
export interface ScaffoldPattern {
  id: string;
  title: string;
  description: string;
  /** Redis data structures and commands the pattern relies on (shown in listings). */
  structures: string;
  defaultPrefix: string;
  /** True when the pattern runs multi-key operations whose keys share a `{hash tag}` (worth testing on Cluster). */
  multiKey: boolean;
  templates: Record<ScaffoldLanguage, LanguageTemplates>;
}
