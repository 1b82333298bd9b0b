/**
 * What each project file contributes to the analysis of the others: module-level clients it exports,
 * error listeners it attaches to imported clients, and the commands it runs per key pattern.
 * The CLI builds it for the files it lints; the editor keeps it up to date as documents change.
 */
import type { LocatedHelper } from './crossFileHelpers';
import { normalizePath } from './fileContext';
import { SCRIPT_COMMAND, type FileSummary } from './fileSummary';
import { luaScriptIn, type LuaScriptFile } from './luaScriptFiles';
import { resolvePythonIn, resolveScriptIn } from './modulePaths';
import { callsDjangoCacheKeys, callsKeysWithPattern, callsRedisOnlyMethod, usesCeleryBackendClient } from './fileEvidence';
import type { ExportedClient, ExportedCommand, GoPackageClientRef, WorkspaceLookup } from './workspaceLookup';
import { DJANGO_SETTINGS, isDjangoSettingsPath } from './databaseSettings';
import { standaloneGoFields } from './go/goFieldTypes';
import { javaModuleOf } from './java/redissonObjectStores';
import { libraryTakesUniversalClient, programClientsAllStandalone } from './go/goProjectFacts';
import { GoPackageClientVars } from './go/goPackageClientVars';

export { SCRIPT_COMMAND, type FileSummary } from './fileSummary';
export { isLuaScriptPath, type LuaScriptFile } from './luaScriptFiles';

/** Per-file cap while indexing, like the review's own cap: pathological files cannot stall the index. */
export const INDEX_TIME_BUDGET_MS = 2000;

/** A regex matching wherever one of `names` occurs, like `names.some((n) => text.includes(n))` in one scan. */
export function anySubstring(names: readonly string[]): RegExp {
  return new RegExp(names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}

export class WorkspaceIndex implements WorkspaceLookup {
  private readonly files = new Map<string, FileSummary>();
  private readonly luaFiles = new Map<string, string>();
  private listenerSet?: Set<string>;
  private usesRedisCache?: boolean;
  private clusterCache?: boolean;
  private standaloneGoFieldNames?: Set<string>;
  private goStandaloneProgram?: boolean;
  private goUniversalLibrary?: boolean;
  private goSeedLists?: boolean;
  private goTagHelperNames?: ReadonlySet<string>;
  private goPackageFactories?: Map<string, string[]>;
  /** Go hash families: the package directories writing each with fixed fields only, and the families any file writes with open fields. */
  private goHashFamilies?: { fixed: Map<string, Set<string>>; open: Set<string> };
  private goClientVars?: GoPackageClientVars;
  private picklingNames?: string[];
  private redissonStoringModules?: Set<string>;
  private cacheTtlModules?: Set<string>;
  private cacheManagerModules?: Set<string>;
  private changes = 0;

  /** Changes with every update, so analyses that read the index can tell whether it is still the same. */
  get generation(): number {
    return this.changes;
  }

  update(summary: FileSummary): void {
    this.changes++;
    const path = normalizePath(summary.path);
    const before = this.files.get(path);
    const after = { ...summary, path };
    this.files.set(path, after);
    this.forgetDerived(before, after);
  }

  remove(path: string): void {
    this.changes++;
    const normalized = normalizePath(path);
    const before = this.files.get(normalized);
    this.files.delete(normalized);
    this.forgetDerived(before, undefined);
  }

  /**
   * Drops the tables derived from the summaries that a changed summary may change. Round two of indexing
   * re-summarises most Redis files to the same helpers, listeners and commands, and the analysis between two
   * updates asks for the helper table: rebuilding it after every update grew with the square of the project.
   */
  private forgetDerived(before: FileSummary | undefined, after: FileSummary | undefined): void {
    const same = (part: (file: FileSummary | undefined) => unknown) => JSON.stringify(part(before)) === JSON.stringify(part(after));
    if (this.listenerSet && !same((file) => file?.errorListeners ?? [])) this.listenerSet = undefined;
    if (this.usesRedisCache !== undefined && !same((file) => !!file && (file.usesRedis === true || file.exports.length > 0))) this.usesRedisCache = undefined;
    this.clusterCache = undefined;
    this.standaloneGoFieldNames = undefined;
    this.goStandaloneProgram = undefined;
    this.goUniversalLibrary = undefined;
    this.goSeedLists = undefined;
    this.goTagHelperNames = undefined;
    this.goPackageFactories = undefined;
    if (this.goClientVars && !same((file) => file?.goFacts?.packageClients ?? [])) this.goClientVars = undefined;
    if (this.goHashFamilies && !same((file) => file?.goHashWrites ?? {})) this.goHashFamilies = undefined;
    this.redissonStoringModules = undefined;
    this.cacheTtlModules = undefined;
    this.cacheManagerModules = undefined;
    if (this.picklingNames && !same((file) => file?.picklingClasses ?? [])) this.picklingNames = undefined;
    if (this.moduleNames && !same((file) => !!file && (file.exports.length > 0 || !!file.reexports || !!file.boundCommands))) {
      this.moduleNames = undefined;
      this.moduleNamePattern = undefined;
    }
    if (this.commandsByKey && !same((file) => file?.keyCommands ?? [])) this.commandsByKey = undefined;
    if ((this.helpersByName || this.helperNamePattern !== undefined) && !same((file) => file?.helpers ?? [])) {
      this.helpersByName = undefined;
      this.helperNamePattern = undefined;
    }
  }

  get size(): number {
    return this.files.size;
  }

  /** The summaries in the index's own order (lookups that scan the files answer with the first match). */
  summaries(): FileSummary[] {
    return [...this.files.values()];
  }

  /** An index holding these summaries in this order (and these Lua scripts): a copy of another index sent across threads. */
  static fromSummaries(summaries: readonly FileSummary[], luaScripts: readonly LuaScriptFile[] = []): WorkspaceIndex {
    const index = new WorkspaceIndex();
    for (const summary of summaries) index.update(summary);
    for (const script of luaScripts) index.updateLuaScript(script.path, script.text);
    return index;
  }

  /** Names of the project's Python serializer classes that unpickle, sorted. */
  picklingClasses(): readonly string[] {
    if (!this.picklingNames) this.picklingNames = [...new Set([...this.files.values()].flatMap((file) => file.picklingClasses ?? []))].sort();
    return this.picklingNames;
  }

  /** Records (or replaces) the text of a Lua script file of the project. */
  updateLuaScript(path: string, text: string): void {
    this.changes++;
    this.luaFiles.set(normalizePath(path), text);
  }

  removeLuaScript(path: string): void {
    if (this.luaFiles.delete(normalizePath(path))) this.changes++;
  }

  /** The Lua script files in the index's own order. */
  luaScripts(): LuaScriptFile[] {
    return [...this.luaFiles].map(([path, text]) => ({ path, text }));
  }

  luaScript(fromPath: string, relativePath: string): string | undefined {
    return luaScriptIn(this.luaFiles, fromPath, relativePath);
  }

  /** Module names ("cache", "redis", "connection") under which files export clients, for cheap text pre-checks. */
  exportingModuleNames(): Set<string> {
    if (!this.moduleNames) {
      this.moduleNames = new Set();
      for (const file of this.files.values()) {
        if (!file.exports.length && !file.reexports && !file.boundCommands) continue;
        const parts = file.path.split('/');
        const base = parts[parts.length - 1].replace(/\.[^.]+$/, '');
        this.moduleNames.add(base === '__init__' || base === 'index' ? parts[parts.length - 2] ?? base : base);
      }
    }
    return this.moduleNames;
  }

  /** Some file of the project imports a Redis client library. */
  get usesRedis(): boolean {
    if (this.usesRedisCache === undefined) this.usesRedisCache = [...this.files.values()].some((f) => f.usesRedis || f.exports.length > 0);
    return this.usesRedisCache;
  }

  /** Some Redis file of the project speaks of Redis Cluster (see FileSummary.mentionsCluster). */
  projectMentionsCluster(): boolean {
    if (this.clusterCache === undefined) this.clusterCache = [...this.files.values()].some((f) => f.mentionsCluster === true);
    return this.clusterCache;
  }

  /** A Go struct field some file declares as a plain go-redis client and none as possibly a Cluster client. */
  goFieldIsStandalone(name: string): boolean {
    this.standaloneGoFieldNames ??= standaloneGoFields([...this.files.values()].map((f) => f.goClientFields));
    return this.standaloneGoFieldNames.has(name);
  }

  /** A Go program whose go-redis clients are all created standalone (see programClientsAllStandalone). */
  goClientsAllStandalone(): boolean {
    this.goStandaloneProgram ??= programClientsAllStandalone([...this.files.values()].map((f) => f.goFacts));
    return this.goStandaloneProgram;
  }

  /** A Go library that takes a go-redis UniversalClient from its callers (see libraryTakesUniversalClient). */
  goLibraryTakesUniversalClient(): boolean {
    this.goUniversalLibrary ??= libraryTakesUniversalClient([...this.files.values()].map((f) => f.goFacts));
    return this.goUniversalLibrary;
  }

  /** Some Java file of the build module of `path` keeps values in Redisson objects with the client's codec (see storesRedissonObjects). */
  javaModuleStoresRedissonObjects(path: string): boolean {
    this.redissonStoringModules ??= new Set([...this.files.values()].filter((f) => f.storesRedissonObjects === true).map((f) => javaModuleOf(f.path)));
    return this.redissonStoringModules.has(javaModuleOf(normalizePath(path)));
  }

  /** Some Java file of the build module of `path` gives the Spring Redis cache manager's defaults a TTL (see setsCacheDefaultTtl). */
  javaModuleSetsCacheDefaultTtl(path: string): boolean {
    this.cacheTtlModules ??= new Set([...this.files.values()].filter((f) => f.setsCacheDefaultTtl === true).map((f) => javaModuleOf(f.path)));
    return this.cacheTtlModules.has(javaModuleOf(normalizePath(path)));
  }

  /** Some Java file of the build module of `path` declares a Spring cache manager (see declaresCacheManager). */
  javaModuleDeclaresCacheManager(path: string): boolean {
    this.cacheManagerModules ??= new Set([...this.files.values()].filter((f) => f.declaresCacheManager === true).map((f) => javaModuleOf(f.path)));
    return this.cacheManagerModules.has(javaModuleOf(normalizePath(path)));
  }

  /** Some Go file of the project creates a go-redis client that becomes a ClusterClient with several configured addresses. */
  goSeedListClients(): boolean {
    this.goSeedLists ??= [...this.files.values()].some((f) => f.goFacts?.createsFromSeedList === true);
    return this.goSeedLists;
  }

  /** The project's unexported Go helpers that pass a parameter on as a script's key list: name → that parameter's index. */
  goKeyListHelpers(): ReadonlyMap<string, number> {
    return new Map([...this.files.values()].flatMap((f) => f.goFacts?.keyListHelpers ?? []).map((entry) => [entry.slice(0, entry.lastIndexOf(':')), Number(entry.slice(entry.lastIndexOf(':') + 1))] as [string, number]));
  }

  /**
   * Functions of the Go package of `path` (the files of its directory) that build and return a new client on every
   * call, and the files defining them: a call in one file of a factory another file of the package defines.
   */
  goPackageFreshClientFactories(path: string): ReadonlyMap<string, string> {
    if (!this.goPackageFactories) {
      this.goPackageFactories = new Map();
      for (const file of this.files.values()) {
        for (const name of file.goFacts?.freshClientFactories ?? []) {
          const dir = goPackageDir(file.path);
          this.goPackageFactories.set(dir, [...(this.goPackageFactories.get(dir) ?? []), `${name}\n${file.path}`]);
        }
      }
    }
    return new Map((this.goPackageFactories.get(goPackageDir(normalizePath(path))) ?? []).map((entry) => entry.split('\n') as [string, string]));
  }

  /**
   * A Go hash family (goRecordHashes.ts) that files of the package of `path` write, every one with fixed fields, and
   * that no file of the project writes with a field from data: a record, however many of them exist.
   */
  goRecordHashFamily(path: string, family: string): boolean {
    if (!this.goHashFamilies) {
      const fixed = new Map<string, Set<string>>();
      const open = new Set<string>();
      for (const file of this.files.values()) {
        for (const name of file.goHashWrites?.fixed ?? []) fixed.set(name, (fixed.get(name) ?? new Set()).add(goPackageDir(file.path)));
        for (const name of file.goHashWrites?.open ?? []) open.add(name);
      }
      this.goHashFamilies = { fixed, open };
    }
    return !this.goHashFamilies.open.has(family) && !!this.goHashFamilies.fixed.get(family)?.has(goPackageDir(normalizePath(path)));
  }

  goPackageClient(fromPath: string, importPath: string | undefined, name: string): GoPackageClientRef | undefined {
    this.goClientVars ??= new GoPackageClientVars(this.files.values());
    return this.goClientVars.client(normalizePath(fromPath), importPath, name);
  }

  /** Names of the project's Go functions that build keys with a {hash tag}. */
  goHashTagHelpers(): ReadonlySet<string> {
    this.goTagHelperNames ??= new Set([...this.files.values()].flatMap((f) => f.goFacts?.hashTagHelpers ?? []));
    return this.goTagHelperNames;
  }

  /**
   * True when the text may involve Redis: it mentions redis (or Jedis), names a module that exports a client, runs commands on
   * Celery's result backend client, or (in a project that uses Redis) calls a method only Redis clients have.
   */
  mightUseRedis(text: string): boolean {
    return /redis|jedis/i.test(text) || this.mentionsExportingModule(text) || this.mentionsGoPackageClient(text) || usesCeleryBackendClient(text) || (this.usesRedis && (callsRedisOnlyMethod(text) || this.mentionsRoundTripHelper(text) || callsDjangoCacheKeys(text) || callsKeysWithPattern(text)));
  }

  /**
   * True when the text contains one of the exporting module names (as a substring). One alternation regex
   * instead of one `includes` per name: V8 compiles it to a single scan, hundreds of times faster on big projects.
   */
  mentionsExportingModule(text: string): boolean {
    if (this.moduleNamePattern === undefined) {
      const names = [...this.exportingModuleNames()].filter(Boolean);
      this.moduleNamePattern = names.length ? anySubstring(names) : null;
    }
    return this.moduleNamePattern !== null && this.moduleNamePattern.test(text);
  }

  /** Uses a package-level Go client variable by name (`Grds.Del(…)`, `infra.Grds.Get(…)`): a cheap pre-check, the analysis resolves it. */
  private mentionsGoPackageClient(text: string): boolean {
    this.goClientVars ??= new GoPackageClientVars(this.files.values());
    return this.goClientVars.pattern?.test(text) ?? false;
  }

  private moduleNames?: Set<string>;
  private moduleNamePattern?: RegExp | null;
  private helpersByName?: Map<string, LocatedHelper[]>;
  private helperNamePattern?: RegExp | null;

  /** The Redis-issuing helpers named `name` (functions, or methods of any class), in the index's order. */
  roundTripHelpers(name: string): readonly LocatedHelper[] {
    return this.helperMap().get(name) ?? [];
  }

  isRoundTripHelperName(name: string): boolean {
    return this.helperMap().has(name);
  }

  private helperMap(): Map<string, LocatedHelper[]> {
    if (!this.helpersByName) {
      this.helpersByName = new Map();
      for (const file of this.files.values()) {
        for (const helper of file.helpers ?? []) {
          const list = this.helpersByName.get(helper.name);
          const located = { ...helper, path: file.path };
          if (list) list.push(located);
          else this.helpersByName.set(helper.name, [located]);
        }
      }
    }
    return this.helpersByName;
  }

  /**
   * True when the text names a class with a Redis-issuing method, or a Redis-issuing module function, of the
   * project (as a whole word): a file calling such helpers involves Redis even if it never names it.
   */
  mentionsRoundTripHelper(text: string): boolean {
    const pattern = this.roundTripHelperPattern();
    return pattern !== null && pattern.test(text);
  }

  /** The pattern behind mentionsRoundTripHelper (null when the project has no helpers). */
  roundTripHelperPattern(): RegExp | null {
    if (this.helperNamePattern === undefined) {
      const names = new Set<string>();
      // Short names (`get`, `run`) occur in most files: they would make every file a Redis file for nothing.
      for (const file of this.files.values()) for (const helper of file.helpers ?? []) if ((helper.owner ?? helper.name).length >= 5) names.add(helper.owner ?? helper.name);
      this.helperNamePattern = names.size ? new RegExp(`(?<![\\w$])(?:${[...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w$])`) : null;
    }
    return this.helperNamePattern;
  }

  exportedClient(fromPath: string, family: 'python' | 'script', specifier: string, name: string): ExportedClient | undefined {
    const target = family === 'python' ? this.resolvePython(normalizePath(fromPath), specifier) : this.resolveScript(normalizePath(fromPath), specifier);
    if (!target) return undefined;
    const exported = target.exports.find((e) => e.name === name);
    if (!exported) return undefined;
    return { kind: exported.kind, library: exported.library, async: exported.async, returnsClient: exported.returnsClient, ...(exported.fresh ? { fresh: true } : {}), ...(exported.ownMethods ? { ownMethods: exported.ownMethods } : {}), identity: `${target.path}#${name}` };
  }

  exportedBoundCommand(fromPath: string, specifier: string, name: string): ExportedCommand | undefined {
    const target = this.resolveScript(normalizePath(fromPath), specifier);
    const bound = target?.boundCommands?.find((b) => b.name === name);
    return bound && { method: bound.method, library: bound.library, identity: `${target!.path}#${bound.receiver}` };
  }

  /**
   * The database number the Python module `specifier` (imported by `fromPath`) gives the constant `name`; for
   * Django's settings object, the number every settings module of the project that sets it agrees is not 0.
   */
  settingsDatabase(fromPath: string, specifier: string, name: string): number | undefined {
    if (specifier !== DJANGO_SETTINGS) return this.resolvePython(normalizePath(fromPath), specifier)?.databaseSettings?.[name];
    const values = [...this.files.values()].filter((file) => isDjangoSettingsPath(file.path)).map((file) => file.databaseSettings?.[name]).filter((value) => value !== undefined);
    // A test settings module that isolates itself in database 15 while the base one keeps 0 is no numbered database of the app.
    return values.length && values.every((value) => value !== 0) ? values[0] : undefined;
  }

  reexportedLibrary(fromPath: string, family: 'python' | 'script', specifier: string): string | undefined {
    if (family !== 'script') return undefined;
    return this.resolveScript(normalizePath(fromPath), specifier)?.reexports;
  }

  /** A module handed a client may attach an 'error' listener: itself, or a project module it imports, followed on. */
  moduleMayListen(fromPath: string, specifier: string, seen = new Set<string>()): boolean {
    const target = this.resolveScript(normalizePath(fromPath), specifier) ?? resolveScriptIn(this.unreadListenReach, normalizePath(fromPath), specifier);
    if (!target) return true;
    if (target.mayListen === false) return false;
    if (!target.handsOnTo) return true;
    if (seen.has(target.path)) return false;
    seen.add(target.path);
    return target.handsOnTo.some((next) => this.moduleMayListen(target.path, next, seen));
  }

  hasErrorListener(identity: string): boolean {
    if (!this.listenerSet) {
      this.listenerSet = new Set();
      for (const file of this.files.values()) for (const id of file.errorListeners) this.listenerSet.add(id);
    }
    return this.listenerSet.has(identity);
  }

  hasCommandOnKey(commands: readonly string[], keyPattern: string): boolean {
    const found = this.commandsOnKey(keyPattern);
    return !!found && commands.some((command) => found.has(command) || found.has(SCRIPT_COMMAND + command));
  }

  /** As hasCommandOnKey, counting only files that are not scripts (seeding, migration and maintenance scripts). */
  hasCommandOnKeyOutsideScripts(commands: readonly string[], keyPattern: string): boolean {
    const found = this.commandsOnKey(keyPattern);
    return !!found && commands.some((command) => found.has(command));
  }

  private commandsOnKey(keyPattern: string): Set<string> | undefined {
    if (!this.commandsByKey) {
      // Rules ask once per call site: a scan of every file's commands per question grew with the square of the project.
      this.commandsByKey = new Map();
      for (const file of this.files.values()) {
        for (const entry of file.keyCommands) {
          const set = this.commandsByKey.get(entry.key);
          if (set) set.add(entry.command);
          else this.commandsByKey.set(entry.key, new Set([entry.command]));
        }
      }
    }
    return this.commandsByKey.get(keyPattern);
  }

  private commandsByKey?: Map<string, Set<string>>;

  private resolveScript(fromPath: string, specifier: string): FileSummary | undefined {
    return resolveScriptIn(this.files, fromPath, specifier);
  }

  /** Script files that never name Redis, by path: only whether a client handed to them may get an 'error' listener. */
  private readonly unreadListenReach = new Map<string, Pick<FileSummary, 'path' | 'mayListen' | 'handsOnTo'>>();

  noteUnreadListenReach(reach: Pick<FileSummary, 'path' | 'mayListen' | 'handsOnTo'>): void {
    this.unreadListenReach.set(normalizePath(reach.path), { ...reach, path: normalizePath(reach.path) });
  }

  private resolvePython(fromPath: string, specifier: string): FileSummary | undefined {
    return resolvePythonIn(this.files, fromPath, specifier);
  }
}

/** A Go file's package: the directory holding it. */
export function goPackageDir(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}
