/** What the client tracker asks of the workspace: clients exported by other files of the project. */
import type { LocatedHelper } from './crossFileHelpers';
import type { ClientLibrary, ReceiverKind } from './model';

export interface ExportedClient {
  kind: ReceiverKind;
  library: ClientLibrary;
  async: boolean;
  /** Stable identity across files: "<path>#<name>". */
  identity: string;
  /** The export is a function that returns a client (`get_redis()`), not the client itself. */
  returnsClient: boolean;
  /** A function making a new client on every call, in a module that attaches no 'error' listener to any. */
  fresh?: boolean;
  /** The export forwards what it lacks to the client: the methods it defines itself (see forwardingClasses). */
  ownMethods?: readonly string[];
}

/** A client command another module exports bound to its client. */
export interface ExportedCommand {
  method: string;
  library: ClientLibrary;
  /** The client it is bound to: "<path>#<name>", as an exported client of that module is named. */
  identity: string;
}

export interface GoPackageClientRef {
  library: ClientLibrary;
  kind: ReceiverKind;
  /** "<declaring file>#<name>". */
  identity: string;
}

export interface WorkspaceLookup {
  /**
   * The client exported under `name` by the module `specifier` imported from `fromPath`
   * (Python: "app.cache" or ".cache"; TS/JS: "./redis", "../lib/redis"; name "default" for default exports).
   */
  exportedClient(fromPath: string, family: 'python' | 'script', specifier: string, name: string): ExportedClient | undefined;
  /**
   * The Redis library a project module re-exports whole (`module.exports = require(<redis library>)`), so that
   * `new (require('./driver'))()` is a client; undefined when it re-exports none.
   */
  reexportedLibrary?(fromPath: string, family: 'python' | 'script', specifier: string): string | undefined;
  /** True when some file of the workspace attaches an 'error' listener to the client with this identity. */
  hasErrorListener(identity: string): boolean;
  /**
   * The text of a Lua script file of the project that a source file loads (`open(...).read()`, `readFileSync(...)`):
   * `relativePath` is relative to the folder of `fromPath` ("../lua/x.lua"); a path that is not there is tried
   * from the project root, then as the unique file ending with it (package resources). Undefined when unknown.
   */
  luaScript?(fromPath: string, relativePath: string): string | undefined;
  /** Functions and methods of the project named `name` that send one Redis command per call (see crossFileHelpers.ts). */
  roundTripHelpers?(name: string): readonly LocatedHelper[];
  /**
   * Whether the project module `specifier` (imported from `fromPath`) may attach an 'error' listener to a client
   * handed to it: false only when the module is indexed, attaches none and imports no other project module.
   */
  moduleMayListen?(fromPath: string, specifier: string): boolean;
  /** Some file of the project has a Redis-issuing helper of this name (a cheap check before a loop call is kept). */
  isRoundTripHelperName?(name: string): boolean;
  /** Names of the project's Python serializer classes whose loads unpickles (picklingClasses.ts), sorted. */
  picklingClasses?(): readonly string[];
  /**
   * The command that the module `specifier` (imported from `fromPath`) exports under `name` bound to its client
   * (`export const getAsync = promisify(client.get).bind(client)`; see exportedBoundCommands.ts), script files only.
   */
  exportedBoundCommand?(fromPath: string, specifier: string, name: string): ExportedCommand | undefined;
  /**
   * The Redis client a package-level Go variable `name` holds, declared in another file of the package of `fromPath`
   * (importPath undefined) or in the project package imported as `importPath`.
   */
  goPackageClient?(fromPath: string, importPath: string | undefined, name: string): GoPackageClientRef | undefined;
  /** Some file of the project imports a Redis client library (evidence for files that never name Redis). */
  readonly usesRedis?: boolean;
  /** Changes whenever the answers above may change. */
  readonly generation?: number;
}
