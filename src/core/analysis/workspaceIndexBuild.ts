/**
 * Building the workspace index: each file summarised from its analysis (exports, listeners, helpers, key
 * patterns), the first round over every file and the second round for files whose imports the first round
 * could not answer, and re-indexing the importers of a changed file.
 */
import type { Tree } from 'web-tree-sitter';
import type { Parsers } from '../parsing/parsers';
import { languageForPath, type SourceLanguage } from '../parsing/languages';
import { keyPatternOf } from './argumentValues';
import { queuedCommandKeys } from './commandArrays';
import { javaKeyFamily } from './java/javaKeyFamilies';
import { importedConstantKey, keyRefOf } from './keyReferences';
import { analyzeTree, type FileAnalysis } from './buildModel';
import { helperSummaries } from './crossFileHelpers';
import { contextForPath, normalizePath } from './fileContext';
import type { KeptTrees } from './keptTrees';
import { RecordedLookup, type RecordedAnalysis } from './recordedLookup';
import { unindexedRecording } from './unindexedLookup';
import { REDIS_MODULES, isRedisEcosystemModule } from './syntax';
import type { WorkspaceLookup } from './workspaceLookup';
import { mentionsRedisCluster } from './clusterMentions';
import { goClientFieldsIn, type GoClientFields } from './go/goFieldTypes';
import { goHashTagHelpers, goProjectFactsIn, type GoProjectFacts } from './go/goProjectFacts';
import { goHashWritesOf, type GoHashWrites } from './go/goRecordHashes';
import { picklingClassesIn } from './picklingClasses';
import { javaFactsOf } from './java/javaFacts';
import { storesRedissonObjects } from './java/redissonObjectStores';
import { declaresCacheManager, setsCacheDefaultTtl } from './java/springCacheTtl';
import { exportedBoundCommandsIn } from './exportedBoundCommands';
import { databaseSettingsIn } from './databaseSettings';
import { SMALL_WINDOW_MARK, keepsSmallWindow } from './trimWindows';
import type { FileModel } from './model';
import { INDEX_TIME_BUDGET_MS, SCRIPT_COMMAND, WorkspaceIndex, anySubstring, type FileSummary } from './workspaceIndex';

/** Summarise one file for the index (its exports are resolved against the index as it stands). */
export function summarizeTree(tree: Tree, text: string, path: string, language: SourceLanguage, index?: WorkspaceIndex): FileSummary {
  const normalized = normalizePath(path);
  return summarizeAnalysis(analyzeTree(tree, text, { path: normalized, language, context: contextForPath(normalized), workspace: index }), normalized, tree);
}

const ERROR_LISTENER_ATTACHED = /\.(?:on|once|addListener|prependListener)\(\s*['"`]error['"`]/;
function summarizeAnalysis({ model, exports, roundTripHelpers }: FileAnalysis, normalized: string, tree: Tree): FileSummary {
  const helpers = roundTripHelpers?.size ? helperSummaries(tree, roundTripHelpers) : [];
  return {
    path: normalized,
    ...(helpers.length ? { helpers } : {}),
    ...listenReach(model.text),
    ...(mentionsRedisCluster(model.text) ? { mentionsCluster: true } : {}),
    ...goFieldsSummary(model.language, model.text),
    ...goFactsSummary(model.language, model.text, normalized),
    ...goHashWritesSummary(model),
    ...picklingSummary(model.language, model.text),
    ...databaseSettingsSummary(model.language, model.text),
    ...redissonStoresSummary(model),
    ...cacheTtlSummary(model),
    ...cacheManagerSummary(model),
    ...boundCommandsSummary(model),
    usesRedis: exports.length > 0 || [...model.importedModules].some(isRedisEcosystemModule),
    ...reexportOf(model.text),
    // A factory module that attaches an 'error' listener anywhere is taken to give its callers listened clients.
    exports: exports.map((e) => ({ name: e.name, kind: e.ref.kind, library: e.ref.library, async: e.ref.async, returnsClient: e.returnsClient, ...(e.fresh && !ERROR_LISTENER_ATTACHED.test(model.text) ? { fresh: true } : {}), ...(e.ref.ownMethods ? { ownMethods: e.ref.ownMethods } : {}) })),
    // A test attaching its own listener to the application's client (`getRedis().on('error', ...)` in a spec) leaves the running application without one.
    errorListeners: model.context === 'test' ? [] : model.listeners.filter((l) => l.event === 'error' && l.identity.includes('#')).map((l) => l.identity.replace(/@\d+$/, '')),
    keyCommands: keyCommandsOf(model),
  };
}

/** The key each call site names, with its command (a loop rather than flatMap: this runs for every indexed file). */
function keyCommandsOf(model: FileModel): FileSummary['keyCommands'] {
  const out: FileSummary['keyCommands'] = [];
  const mark = model.context === 'script' ? SCRIPT_COMMAND : '';
  const importsConstants = model.language !== 'go' && model.language !== 'java';
  for (const site of model.callSites) {
    // Keys held in constants (`QUEUE = "jobs"`, `const key = \`feed:${id}\``) count as their pattern.
    const literal = keyPatternOf(site.args[0]);
    const ref = literal === undefined ? keyRefOf(model, site, site.args[0]) : undefined;
    // A constant imported from the project's constants module (Python, TS/JS) counts by its name.
    const key = literal ?? ref?.pattern ?? (importsConstants ? importedConstantKey(ref) : undefined);
    if (key) {
      out.push({ command: mark + site.command, key });
      if (keepsSmallWindow(site)) out.push({ command: mark + SMALL_WINDOW_MARK, key });
      continue;
    }
    // Java keys built from constants of another class (`RedisKeys.CART + userId`) count as their family.
    const family = model.language === 'java' ? javaKeyFamily(model.text, site) : undefined;
    if (family) out.push({ command: mark + site.command, key: family });
  }
  if (model.language === 'javascript' || model.language === 'typescript' || model.language === 'tsx') for (const queued of queuedCommandKeys(model.text)) out.push({ command: mark + queued.command, key: queued.key });
  return out;
}

function goFieldsSummary(language: SourceLanguage, text: string): { goClientFields?: GoClientFields } {
  const fields = language === 'go' ? goClientFieldsIn(text) : undefined;
  return fields ? { goClientFields: fields } : {};
}

function goFactsSummary(language: SourceLanguage, text: string, path: string): { goFacts?: GoProjectFacts } {
  const facts = language === 'go' ? goProjectFactsIn(text, path) : undefined;
  return facts ? { goFacts: facts } : {};
}

function goHashWritesSummary(model: FileModel): { goHashWrites?: GoHashWrites } {
  const writes = model.language === 'go' ? goHashWritesOf(model) : undefined;
  return writes ? { goHashWrites: writes } : {};
}

function picklingSummary(language: SourceLanguage, text: string): { picklingClasses?: string[] } {
  const classes = language === 'python' ? picklingClassesIn(text) : [];
  return classes.length ? { picklingClasses: classes } : {};
}

/** Java: evidence that the project's Redisson clients decode application objects (see redissonObjectStores.ts). */
function redissonStoresSummary(model: FileModel): { storesRedissonObjects?: boolean } {
  // A test that puts a map in Redis says nothing of what the application's client decodes.
  const code = model.language === 'java' && model.context !== 'test' && model.text.includes('org.redisson') ? javaFactsOf(model)?.codeText : undefined;
  return code && storesRedissonObjects(code) ? { storesRedissonObjects: true } : {};
}

/** Java: the cache manager's default TTL, set in a configuration class of the module (see springCacheTtl.ts). */
function cacheTtlSummary(model: FileModel): { setsCacheDefaultTtl?: boolean } {
  const code = model.language === 'java' && model.context !== 'test' && model.text.includes('entryTtl') ? javaFactsOf(model)?.codeText : undefined;
  return code && setsCacheDefaultTtl(code) ? { setsCacheDefaultTtl: true } : {};
}

/** Java: a cache manager declared by a configuration class of the module (see springCacheTtl.ts). */
function cacheManagerSummary(model: FileModel): { declaresCacheManager?: boolean } {
  const code = model.language === 'java' && model.context !== 'test' && (model.text.includes('CacheManager') || model.text.includes('RedisCacheConfiguration')) ? javaFactsOf(model)?.codeText : undefined;
  return code && declaresCacheManager(code) ? { declaresCacheManager: true } : {};
}

function databaseSettingsSummary(language: SourceLanguage, text: string): { databaseSettings?: Record<string, number> } {
  const settings = language === 'python' ? databaseSettingsIn(text) : undefined;
  return settings ? { databaseSettings: settings } : {};
}

/**
 * Commands a script module exports bound to a Redis client (exportedBoundCommands.ts): the receiver is a client the
 * module creates or sends commands to, or is named for Redis (`promisify(redisClient.get)` of an imported client);
 * a Map's or an HTTP client's bound methods are not commands.
 */
function boundCommandsSummary(model: FileModel): Pick<FileSummary, 'boundCommands'> {
  if (model.language === 'python' || model.language === 'go' || model.language === 'java') return {};
  const bound = exportedBoundCommandsIn(model.text);
  if (!bound.length) return {};
  const imported = model.importedModules;
  const library = imported.has('ioredis') ? 'ioredis' : 'node-redis';
  const clients = new Set([...model.creations.map((c) => c.binding), ...model.callSites.map((s) => s.receiver.text)]);
  const onClients = bound.filter((b) => clients.has(b.receiver) || /redis|valkey/i.test(b.receiver));
  return onClients.length ? { boundCommands: onClients.map((b) => ({ ...b, library })) } : {};
}

/** An 'error' listener, or a dynamic import (whatever it loads may attach one). */
const ERROR_LISTENER_OR_DYNAMIC_IMPORT = /\.(?:on|once|addListener|prependListener)\(\s*['"`]error['"`]|\bimport\s*\(/;

/**
 * Whether a client handed to this module may get an 'error' listener: it attaches one itself, or it imports project
 * modules it may hand the client on to (`handsOnTo`, followed by the index: a chain that never listens does not).
 */
function listenReach(text: string): Pick<FileSummary, 'mayListen' | 'handsOnTo'> {
  if (ERROR_LISTENER_OR_DYNAMIC_IMPORT.test(text)) return { mayListen: true };
  const onward = [...new Set([...text.matchAll(/(?:from\s*|require\(\s*)['"](\.[^'"]*)['"]/g)].map((m) => m[1]))];
  return onward.length ? { mayListen: true, handsOnTo: onward } : { mayListen: false };
}

const WHOLE_REEXPORT = /(?:module\.exports\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)|export\s*\{\s*default\s*\}\s*from\s*['"]([^'"]+)['"]|export\s*\*\s*from\s*['"]([^'"]+)['"])/;

/** `{ reexports: 'ioredis' }` when the module hands a Redis library on whole. */
function reexportOf(text: string): { reexports?: string } {
  const match = WHOLE_REEXPORT.exec(text);
  const module = match && (match[1] ?? match[2] ?? match[3]);
  return module && REDIS_MODULES.has(module) ? { reexports: module } : {};
}

/** Whether round one of indexing reads a file: it mentions Redis, or Jedis (a Java service that only uses a `JedisUtil` never spells "redis"). */
export function mentionsRedis(text: string): boolean {
  return /redis|jedis/i.test(text);
}

/** What indexing can leave for the reviews of the same files that follow it (the lint command's). */
export interface IndexPasses {
  /** Keeps the trees parsed while indexing (see KeptTrees). */
  trees?: KeptTrees;
  /** Receives round two's analyses, each valid while the index answers its questions alike (see RecordedLookup). */
  recorded?: Map<string, RecordedAnalysis>;
}

export interface IndexedFile {
  summary: FileSummary;
  /** The analysis behind the summary: a review of the same text can reuse it when it did not read the index. */
  analysis: FileAnalysis;
}

/** A file as round one indexed it, with the questions its analysis asked (answered as by no workspace). */
export interface FirstRound {
  indexed: IndexedFile;
  lookup: RecordedLookup;
}

/**
 * Parses and analyses one file for the index (against `index` when given); undefined when it cannot be analysed.
 * With `trees`, the file's tree is taken from (or kept in) them for the other passes over the same text.
 */
export function indexFile(parsers: Parsers, file: { path: string; text: string }, index?: WorkspaceLookup, trees?: KeptTrees): IndexedFile | undefined {
  const language = languageForPath(file.path);
  if (!language) return undefined;
  const normalized = normalizePath(file.path);
  const summarise = (tree: Tree): IndexedFile => {
    const analysis = analyzeTree(tree, file.text, { path: normalized, language, context: contextForPath(normalized), workspace: index, deadline: Date.now() + INDEX_TIME_BUDGET_MS });
    return { summary: summarizeAnalysis(analysis, normalized, tree), analysis };
  };
  try {
    if (trees) return trees.withTree(parsers, language, normalized, file.text, summarise);
    const tree = parsers.parse(language, file.text);
    try {
      return summarise(tree);
    } finally {
      tree.delete();
    }
  } catch {
    // A file that cannot be parsed contributes nothing; linting reports it separately.
    return undefined;
  }
}

/**
 * Round two of indexing: re-summarises, against the index as it grows, the files that import one of the
 * modules round one found to export a client, so re-exports, listeners on imported clients and commands run
 * through imported clients are known. Returns the paths it re-summarised (their round-one analyses are stale).
 */
export function reindexImporters(
  parsers: Parsers,
  index: WorkspaceIndex,
  files: readonly { path: string; text: string }[],
  passes: IndexPasses = {},
  /** Round one's analyses by normalised path: one the index would not change is kept instead of made again. */
  firstRound?: ReadonlyMap<string, FirstRound>,
): string[] {
  const names = [...index.exportingModuleNames()].filter(Boolean);
  // Round two changes the index, so the name patterns are fixed before it starts (as the name list was).
  const mentionsExporter = names.length ? anySubstring(names) : null;
  // Files calling another file's Redis-issuing helpers (their loops are N+1 through them).
  const mentionsHelper = index.roundTripHelperPattern();
  if (!mentionsExporter && !mentionsHelper) return [];
  const redone: string[] = [];
  for (const file of files) {
    if (!(mentionsExporter?.test(file.text) || mentionsHelper?.test(file.text)) || !/\b(import|require)\b/.test(file.text)) continue;
    // A file that mentions only its own helpers, or names an exporting module without importing a client from
    // it, asks the index nothing it answers differently from no index: its analysis would come out the same.
    const first = firstRound?.get(normalizePath(file.path));
    const same = first && first.indexed.analysis.model.text === file.text && first.lookup.answersAlike(index) ? first : undefined;
    const lookup = same?.lookup ?? (passes.recorded ? new RecordedLookup(index) : undefined);
    const indexed = same?.indexed ?? indexFile(parsers, file, lookup ?? index, passes.trees);
    if (!indexed) continue;
    index.update(indexed.summary);
    redone.push(indexed.summary.path);
    if (lookup && !indexed.analysis.truncated) passes.recorded?.set(indexed.summary.path, { analysis: indexed.analysis, lookup });
  }
  return redone;
}

/**
 * Facts other files need that often live in a file that never names Redis, recorded alone, without an analysis:
 * Go key helpers that put a {hash tag} in the keys they build (a package's keys.go), Python serializer classes
 * whose loads unpickles (a project's serializers.py, used by the cache module that reads Redis), and the database
 * numbers a Python settings module gives (`CACHE_DB = 1` in a config.py that never names Redis).
 */
const SCRIPT_FILE = /\.(?:[cm]?[jt]sx?)$/;

export function indexUnreadFileFacts(index: WorkspaceIndex, file: { path: string; text: string }): void {
  if (file.path.endsWith('.py')) {
    const picklingClasses = picklingClassesIn(file.text);
    const databaseSettings = databaseSettingsIn(file.text);
    if (picklingClasses.length || databaseSettings) {
      index.update({ path: normalizePath(file.path), exports: [], errorListeners: [], keyCommands: [], ...(picklingClasses.length ? { picklingClasses } : {}), ...(databaseSettings ? { databaseSettings } : {}) });
    }
    return;
  }
  // A script module a client may be handed to, which never names Redis: may it attach (or pass on to) a listener?
  if (SCRIPT_FILE.test(file.path)) index.noteUnreadListenReach({ path: file.path, ...listenReach(file.text) });
  if (!file.path.endsWith('.go')) return;
  const hashTagHelpers = [...goHashTagHelpers(file.text)];
  if (hashTagHelpers.length) index.update({ path: normalizePath(file.path), exports: [], errorListeners: [], keyCommands: [], goFacts: { hashTagHelpers } });
}

/**
 * Builds the index for a set of files: round one summarises the files that mention Redis, round two
 * (reindexImporters) the files that import a client from them.
 */
export function buildWorkspaceIndex(
  parsers: Parsers,
  files: Iterable<{ path: string; text: string }>,
  /** Receives the analyses that do not depend on the index (files importing no client module), for reuse by a review. */
  reusable?: Map<string, FileAnalysis>,
  passes: IndexPasses = {},
): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const list = [...files].filter((f) => languageForPath(f.path));
  const firstRound = new Map<string, FirstRound>();
  for (const file of list) {
    if (!mentionsRedis(file.text)) {
      indexUnreadFileFacts(index, file);
      continue;
    }
    const lookup = unindexedRecording();
    const indexed = indexFile(parsers, file, lookup, passes.trees);
    if (!indexed) continue;
    index.update(indexed.summary);
    if (indexed.analysis.truncated) reusable?.delete(indexed.summary.path);
    else {
      reusable?.set(indexed.summary.path, indexed.analysis);
      firstRound.set(indexed.summary.path, { indexed, lookup });
    }
  }
  for (const path of reindexImporters(parsers, index, list, passes, firstRound)) reusable?.delete(path);
  // A review that reuses a file's analysis does not read its tree again.
  if (passes.trees && reusable) for (const path of reusable.keys()) passes.trees.release(path);
  return index;
}
