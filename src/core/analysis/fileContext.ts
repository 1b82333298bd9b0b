/** Decides whether a file is application code, a test, or a script, from its path. */
import type { FileContext } from '../findings';

const TEST_PATTERNS = [
  /(^|\/)(tests?|__tests__|spec|specs|testing)\//,
  /(^|\/)test_[^/]*\.py$/,
  /_test\.py$/,
  /(^|\/)conftest\.py$/,
  /\.(spec|test)\.[cm]?[jt]sx?$/,
  /(^|\/)fixtures?\//,
  // Test runner setup files at the project root (`vitest.setup.ts`, `jest.setup.js`, `setupTests.ts`, `globalSetup.ts`).
  /(^|\/)(?:vitest|jest|mocha|karma|playwright|cypress|wdio)(?:[.-][\w-]+)*[.-](?:setup|teardown)\.[cm]?[jt]sx?$/,
  /(^|\/)(?:setupTests|global[-_]?(?:setup|teardown))\.[cm]?[jt]sx?$/i,
];

const SCRIPT_PATTERNS = [/(^|\/)(scripts?|migrations?|bin|tools|management\/commands|cron(?:jobs?|tabs?)?)\//, /(^|\/)manage\.py$/];

/**
 * Maven and Gradle keep application sources under src/main/<language>/, and below that folder every directory is a
 * package: `com/acme/test/config/RedisConfig.java` or `com/acme/tools/RedisUtil.java` is application code.
 */
const MAIN_SOURCE_ROOT = /(^|\/)src\/main\/(?:java|kotlin|scala|groovy)\//;

/** The part of the path whose folders say what the file is: for a Maven or Gradle main source, its source root. */
function foldersThatClassify(path: string): string {
  const root = MAIN_SOURCE_ROOT.exec(path);
  return root ? path.slice(0, root.index + root[0].length) : path;
}

/** Path with forward slashes, as the analyzer compares paths. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/');
}

export function contextForPath(path: string, extraTest: (path: string) => boolean = () => false, extraScript: (path: string) => boolean = () => false): FileContext {
  const normalized = normalizePath(path);
  const classified = foldersThatClassify(normalized);
  if (extraTest(normalized) || TEST_PATTERNS.some((pattern) => pattern.test(classified))) return 'test';
  if (extraScript(normalized) || SCRIPT_PATTERNS.some((pattern) => pattern.test(classified))) return 'script';
  return 'app';
}
