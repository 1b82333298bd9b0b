/** Validates a parsed `.redis-review.json` and resolves it (plus command-line overrides) into a ResolvedConfig. */
import type { Severity } from '../findings';
import { configGlobMatcher } from '../paths/configGlob';
import { DEFAULT_TARGET_SERVER, isTargetServer, TARGET_SERVERS, type TargetServer } from '../servers/targetServers';
import { DEFAULT_CONFIG, type ContextMode, type RedisReviewConfigFile, type ResolvedConfig, type RuleSetting } from './configShape';

export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error', 'hint'];
const CONTEXT_MODES: readonly ContextMode[] = ['rule-default', 'same-as-app', 'skip'];

export interface ConfigProblem {
  path: string;
  message: string;
}

export interface ConfigResult {
  config: ResolvedConfig;
  problems: ConfigProblem[];
}

function stringList(value: unknown, path: string, problems: ConfigProblem[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    problems.push({ path, message: 'must be an array of strings' });
    return [];
  }
  return value as string[];
}

/** A list of globs; one the matcher cannot use is a problem rather than a silent never-match. */
function globList(value: unknown, path: string, problems: ConfigProblem[]): string[] {
  const globs = stringList(value, path, problems);
  globs.forEach((glob, index) => {
    const matcher = configGlobMatcher(glob);
    if (typeof matcher === 'string') problems.push({ path: `${path}[${index}]`, message: `"${glob}" is not a usable glob: ${matcher}` });
  });
  return globs;
}

function positive(value: unknown, fallback: number, path: string, problems: ConfigProblem[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    problems.push({ path, message: 'must be a positive number' });
    return fallback;
  }
  return Math.round(value);
}

/** Checks shape and values; unknown rule ids are problems so typos do not silently do nothing. */
export function resolveConfig(raw: unknown, knownRuleIds: readonly string[]): ConfigResult {
  const problems: ConfigProblem[] = [];
  if (raw === undefined || raw === null) return { config: { ...DEFAULT_CONFIG, rules: {} }, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: { ...DEFAULT_CONFIG, rules: {} }, problems: [{ path: '', message: 'the configuration must be a JSON object' }] };
  }
  const file = raw as RedisReviewConfigFile & Record<string, unknown>;
  const known = new Set(['$schema', 'rules', 'ignore', 'testFiles', 'scriptFiles', 'nonAppFiles', 'boundedKeys', 'cluster', 'defaultTtlSeconds', 'lockTtlMs', 'streamMaxLen', 'maxScanCount', 'reportUnusedSuppressions', 'server']);
  for (const key of Object.keys(file)) if (!known.has(key)) problems.push({ path: key, message: 'unknown setting' });
  const rules: Record<string, RuleSetting> = {};
  if (file.rules !== undefined) {
    if (typeof file.rules !== 'object' || file.rules === null || Array.isArray(file.rules)) problems.push({ path: 'rules', message: 'must be an object of rule id → severity' });
    else {
      for (const [id, setting] of Object.entries(file.rules)) {
        if (!knownRuleIds.includes(id)) problems.push({ path: `rules.${id}`, message: `unknown rule "${id}"` });
        else if (!RULE_SETTINGS.includes(setting as RuleSetting)) problems.push({ path: `rules.${id}`, message: `must be one of ${RULE_SETTINGS.join(', ')}` });
        else rules[id] = setting as RuleSetting;
      }
    }
  }
  let nonAppFiles: ContextMode = DEFAULT_CONFIG.nonAppFiles;
  if (file.nonAppFiles !== undefined) {
    if (CONTEXT_MODES.includes(file.nonAppFiles)) nonAppFiles = file.nonAppFiles;
    else problems.push({ path: 'nonAppFiles', message: `must be one of ${CONTEXT_MODES.join(', ')}` });
  }
  let server: TargetServer = DEFAULT_TARGET_SERVER;
  const serverValue: unknown = file.server;
  if (serverValue !== undefined) {
    if (isTargetServer(serverValue)) server = serverValue;
    else {
      const shown = typeof serverValue === 'string' ? `"${serverValue}"` : JSON.stringify(serverValue);
      problems.push({ path: 'server', message: `unknown server ${shown}: use one of ${TARGET_SERVERS.map((id) => `"${id}"`).join(', ')} (default "${DEFAULT_TARGET_SERVER}")` });
    }
  }
  const flag = (value: unknown, fallback: boolean, path: string): boolean => {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      problems.push({ path, message: 'must be true or false' });
      return fallback;
    }
    return value;
  };
  const config: ResolvedConfig = {
    rules,
    ignore: globList(file.ignore, 'ignore', problems),
    testFiles: globList(file.testFiles, 'testFiles', problems),
    scriptFiles: globList(file.scriptFiles, 'scriptFiles', problems),
    nonAppFiles,
    boundedKeys: stringList(file.boundedKeys, 'boundedKeys', problems),
    cluster: flag(file.cluster, false, 'cluster'),
    defaultTtlSeconds: positive(file.defaultTtlSeconds, DEFAULT_CONFIG.defaultTtlSeconds, 'defaultTtlSeconds', problems),
    lockTtlMs: positive(file.lockTtlMs, DEFAULT_CONFIG.lockTtlMs, 'lockTtlMs', problems),
    streamMaxLen: positive(file.streamMaxLen, DEFAULT_CONFIG.streamMaxLen, 'streamMaxLen', problems),
    maxScanCount: positive(file.maxScanCount, DEFAULT_CONFIG.maxScanCount, 'maxScanCount', problems),
    reportUnusedSuppressions: flag(file.reportUnusedSuppressions, false, 'reportUnusedSuppressions'),
    server,
    // Only set when true, so a config without "server" equals DEFAULT_CONFIG.
    ...(isTargetServer(serverValue) ? { serverDeclared: true } : {}),
  };
  return { config, problems };
}

/** Applies `--rule id=severity` overrides on top of a resolved config. */
export function withRuleOverrides(config: ResolvedConfig, overrides: Record<string, RuleSetting>): ResolvedConfig {
  return { ...config, rules: { ...config.rules, ...overrides } };
}

/** Lowers a severity one step (error → warning → info), used for test/script files. */
export function lowerSeverity(severity: Severity): Severity {
  return severity === 'error' ? 'warning' : severity === 'warning' ? 'info' : severity === 'info' ? 'hint' : 'hint';
}
