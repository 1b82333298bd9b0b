import { goPackageClientsIn, type GoPackageClient } from './goPackageClients';

/**
 * What a Go file tells the workspace about the project's go-redis clients and keys, for calls in other files: the
 * clients it creates (a plain client or one that is or may be a Cluster client), whether it is the `main` package
 * of a program, and the key helpers it defines that put a {hash tag} in the keys they build.
 */
export interface GoProjectFacts {
  /** The file creates go-redis clients that are never Cluster clients (NewClient, NewFailoverClient, NewFailoverClusterClient, NewRing, a Sentinel UniversalClient). */
  createsStandalone?: true;
  /** The file creates a go-redis client that is or may be a Cluster client (NewClusterClient, a UniversalClient without a MasterName). */
  createsClusterCapable?: true;
  /** The file creates a go-redis ClusterClient, or a UniversalClient from a configured address list or options handed in (`Addrs: cfg.Addrs`, `NewUniversalClient(opts)`). */
  createsFromSeedList?: true;
  /** The file is the `main` package of a program (not an example): the program's clients are the ones it creates. */
  program?: true;
  /** Functions whose bodies build keys with a {hash tag} (`userKey(id, part)` returning "user:{%s}:%s"). */
  hashTagHelpers?: string[];
  /** Unexported helpers that pass one of their parameters as a script's key list, as `name:index` of that parameter. */
  keyListHelpers?: string[];
  /** An exported function or method of the file (not an example's or a test's) takes a go-redis UniversalClient from its caller. */
  takesUniversalClient?: true;
  /** The file creates a go-redis client and is no example, sample, benchmark or test: the project's own client. */
  createsOwnClient?: true;
  /** Plain functions that build and return a new go-redis or rueidis client on every call (`func connect() (rueidis.Client, error)`). */
  freshClientFactories?: string[];
  /** Package-level variables of the file holding a client, for the package's other files and its importers (goPackageClients.ts). */
  packageClients?: GoPackageClient[];
}

const GO_REDIS_IMPORT = /^\s*(?:import\s+)?(\w+\s+)?"(?:github\.com\/(?:go-redis\/redis|redis\/go-redis)(?:\/v\d+)?|gopkg\.in\/redis\.v\d+)"/gm;
const FACTORY = /\b(\w+)\.New(Client|FailoverClient|Ring|ClusterClient|FailoverClusterClient|UniversalClient)\(/g;
// NewFailoverClusterClient routes by Sentinel to one master set: a ClusterClient in type, never a Redis Cluster.
const ALWAYS_STANDALONE = new Set(['Client', 'FailoverClient', 'FailoverClusterClient', 'Ring']);

/**
 * A Go string literal holding a {hash tag} (`"cart:{%s}:items"`), or opening one that a concatenation closes
 * (`"user:{" + id + "}"`). Braces around quotes or spaces are JSON or text, not a tag.
 */
export function hasGoHashTag(text: string): boolean {
  for (const [literal] of text.matchAll(/"(?:[^"\\\n]|\\.)*"|`[^`]*`/g)) if (/\{[^{}"\\\s]+\}/.test(literal)) return true;
  return /"[^"\n]*\{"\s*\+/.test(text);
}

/** Functions of a Go text whose bodies build keys with a hash tag (key helpers such as `cartKey(id, part)`). */
export function goHashTagHelpers(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/^func\s+(?:\([^)]*\)\s*)?(\w+)[^\n]*\{\n([\s\S]*?)^\}/gm)) if (hasGoHashTag(match[2])) names.add(match[1]);
  // One-line helpers: `func userKey(id string) string { return "user:{" + id + "}" }`.
  for (const match of text.matchAll(/^func\s+(?:\([^)]*\)\s*)?(\w+)\([^\n]*?\)[^\n{]*\{([^\n]*)\}[ \t]*$/gm)) if (hasGoHashTag(match[2])) names.add(match[1]);
  return names;
}

const RUEIDIS_IMPORT = /^\s*(?:import\s+)?(\w+\s+)?"github\.com\/redis\/rueidis"/gm;

/**
 * Functions without a receiver that return a client they have just constructed (`client, err :=
 * rueidis.NewClient(…)` … `return client, nil`): every caller gets a new connection pool. A factory that keeps the
 * client (in a package variable, behind a sync.Once or a nil check of a kept one) hands out one shared client and
 * is not listed.
 */
export function goFreshClientFactories(text: string): string[] {
  const aliases = new Set<string>();
  for (const match of text.matchAll(GO_REDIS_IMPORT)) aliases.add(match[1]?.trim() || 'redis');
  for (const match of text.matchAll(RUEIDIS_IMPORT)) aliases.add(match[1]?.trim() || 'rueidis');
  if (!aliases.size) return [];
  const alias = `(?:${[...aliases].join('|')})`;
  const constructed = new RegExp(`^\\s*(\\w+)\\s*(?:,\\s*\\w+\\s*)?:?=\\s*${alias}\\.New(?:Client|ClusterClient|FailoverClient|UniversalClient|Ring)\\(`, 'gm');
  const returned = new RegExp(`^func\\s+(\\w+)\\s*\\([^)\\n]*\\)\\s*\\(?\\s*\\*?${alias}\\.(?:Client|ClusterClient|UniversalClient|Cmdable|Ring)\\b[^\\n]*\\{\\n([\\s\\S]*?)^\\}`, 'gm');
  const names: string[] = [];
  for (const match of text.matchAll(returned)) {
    const body = match[2].replace(/^\s*\/\/.*$/gm, '');
    if (/\bsync\.Once\b|\.Do\(func/.test(body)) continue;
    // `return redis.NewClient(&redis.Options{…})`: the constructor's result is handed out as it is made, unless an
    // earlier return hands out a kept one (`if client != nil { return client }`).
    if (new RegExp(`^\\s*return\\s+${alias}\\.New(?:Client|ClusterClient|FailoverClient|UniversalClient|Ring)\\(`, 'm').test(body) && !/!=\s*nil\s*\{\s*return\s+(?!nil\b)\w/.test(body)) {
      names.push(match[1]);
      continue;
    }
    for (const made of body.matchAll(constructed)) {
      const name = made[1];
      const kept = new RegExp(`^\\s*[\\w.]+(?:\\[[^\\]\\n]*\\])?\\s*=\\s*${name}\\s*$|!=\\s*nil\\s*\\{\\s*return\\s+(?!${name}\\b|nil\\b)\\w`, 'm');
      // `client = redis.NewClient(…)` without a local declaration assigns a package variable: the client is kept.
      if (!made[0].includes(':=') && !new RegExp(`\\bvar\\s+${name}\\b`).test(body)) continue;
      if (new RegExp(`^\\s*return\\s+${name}\\s*(?:,|$)`, 'm').test(body) && !kept.test(body)) {
        names.push(match[1]);
        break;
      }
    }
  }
  return names;
}

/** A script run or function call whose third argument (after the context and the client or script) is a bare name: its key list. */
const SCRIPT_KEY_LIST = /\.(?:Run|RunRO|Eval|EvalSha|EvalRO|EvalShaRO|FCall|FCallRo|FCallRO)\(\s*[\w.]+(?:\(\))?\s*,\s*[\w.]+(?:\([^()]*\))?\s*,\s*([A-Za-z_]\w*)\s*[,)]/g;

/**
 * Unexported functions and methods of a Go text that pass one of their parameters on as a script's key list
 * (`func callLua(ctx context.Context, rdb redis.UniversalClient, s *redis.Script, keys []string) { s.Run(ctx, rdb, keys) }`):
 * name → index of that parameter. Their callers choose the keys.
 */
export function goKeyListHelpers(text: string): Map<string, number> {
  const helpers = new Map<string, number>();
  for (const match of text.matchAll(/^func\s+(?:\([^)]*\)\s*)?([a-z_]\w*)\s*(?:\[[^\]\n]*\]\s*)?\(([^\n]*)\n([\s\S]*?)^\}/gm)) {
    const open = match.index! + match[0].indexOf('(', match[0].indexOf(match[1]) + match[1].length);
    const params = parameterNames(argumentText(text, open) ?? '');
    for (const run of match[3].matchAll(SCRIPT_KEY_LIST)) {
      const index = params.indexOf(run[1]);
      if (index >= 0) helpers.set(match[1], index);
    }
  }
  return helpers;
}

/** The parameter names of a Go parameter list, one per position (`ctx context.Context, a, b string` → ctx, a, b). */
function parameterNames(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    const char = list[i];
    if (char !== undefined && '([{'.includes(char)) depth++;
    else if (char !== undefined && ')]}'.includes(char)) depth--;
    else if (i === list.length || (char === ',' && depth === 0)) {
      names.push(list.slice(start, i).trim().split(/\s+/)[0] ?? '');
      start = i + 1;
    }
  }
  return names;
}

/** The text of the call's argument list that opens at `open` (balanced parentheses), or undefined when it does not close. */
function argumentText(text: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

/**
 * A UniversalClient is standalone only as a Sentinel failover client (a literal MasterName): one address may be a
 * cluster's, and UniversalOptions have IsClusterMode.
 */
function universalStandalone(options: string): boolean {
  return /\bMasterName\s*:\s*"[^"]+"/.test(options);
}

/** UniversalOptions whose addresses come from elsewhere: the whole options as a name, or `Addrs:` not a literal slice. */
function seedList(options: string): boolean {
  if (/^\s*&?\*?[A-Za-z_][\w.]*\s*$/.test(options)) return true;
  const seeds = /\bAddrs\s*:\s*([^,}\n]+)/.exec(options)?.[1]?.trim();
  return !!seeds && !/^\[\]string\{/.test(seeds);
}

/** Example, sample and benchmark programs show or measure a library's use; they do not make the project a program. */
function isExampleProgram(path: string): boolean {
  return /(^|\/)(_?examples?|samples?|demos?|testdata|bench|benchmarks?)\//i.test(path) || /_test\.go$/.test(path);
}

/**
 * An exported function or method whose parameters take a go-redis UniversalClient (`func NewBackend(client
 * redis.UniversalClient)`, `func (q *queue[T]) Prepare(ctx context.Context, rdb redis.UniversalClient)`): the type
 * that exists to hold a ClusterClient as well as a plain one, so the library's callers may hand it either.
 */
const TAKES_UNIVERSAL = /^func\s+(?:\([^)]*\)\s*)?[A-Z]\w*\s*(?:\[[^\]\n]*\]\s*)?\([^)]*\b\w+\.UniversalClient\b/m;

export function goProjectFactsIn(text: string, path: string): GoProjectFacts | undefined {
  const packages = new Set<string>();
  for (const match of text.matchAll(GO_REDIS_IMPORT)) packages.add(match[1]?.trim() || 'redis');
  const facts: GoProjectFacts = {};
  if (packages.size) {
    for (const match of text.matchAll(FACTORY)) {
      if (!packages.has(match[1])) continue;
      const options = match[2] === 'UniversalClient' ? argumentText(text, match.index + match[0].length - 1) : undefined;
      if (!isExampleProgram(path)) facts.createsOwnClient = true;
      if (ALWAYS_STANDALONE.has(match[2]) || (options !== undefined && universalStandalone(options))) facts.createsStandalone = true;
      else facts.createsClusterCapable = true;
      if (match[2] === 'ClusterClient' || (options !== undefined && !universalStandalone(options) && seedList(options))) facts.createsFromSeedList = true;
    }
  }
  if (/^package\s+main\b/m.test(text) && !isExampleProgram(path)) facts.program = true;
  if (packages.size && !isExampleProgram(path) && TAKES_UNIVERSAL.test(text)) facts.takesUniversalClient = true;
  const helpers = goHashTagHelpers(text);
  if (helpers.size) facts.hashTagHelpers = [...helpers];
  const factories = isExampleProgram(path) ? [] : goFreshClientFactories(text);
  if (factories.length) facts.freshClientFactories = factories;
  const keyLists = packages.size ? goKeyListHelpers(text) : new Map<string, number>();
  if (keyLists.size) facts.keyListHelpers = [...keyLists].map(([name, index]) => `${name}:${index}`);
  const clients = /_test\.go$/.test(path) ? [] : goPackageClientsIn(text);
  if (clients.length) facts.packageClients = clients;
  return Object.keys(facts).length ? facts : undefined;
}

/**
 * A library (no file is a program's `main` package) that creates no go-redis client of its own and takes a
 * UniversalClient from its callers in an exported function: whatever client its own tests and samples build, its
 * users may pass a ClusterClient. A library with its own client factory hands out the clients that factory makes.
 */
export function libraryTakesUniversalClient(files: Iterable<GoProjectFacts | undefined>): boolean {
  let takes = false;
  for (const facts of files) {
    if (facts?.program || facts?.createsOwnClient) return false;
    takes ||= !!facts?.takesUniversalClient;
  }
  return takes;
}

/**
 * A program (some file is its `main` package) whose go-redis clients are all created standalone: a
 * UniversalClient or Cmdable it passes around can only hold one of them, whatever its comments say of Cluster.
 * A library takes its clients from callers, so it never qualifies.
 */
export function programClientsAllStandalone(files: Iterable<GoProjectFacts | undefined>): boolean {
  let program = false;
  let standalone = false;
  for (const facts of files) {
    if (facts?.createsClusterCapable) return false;
    program ||= !!facts?.program;
    standalone ||= !!facts?.createsStandalone;
  }
  return program && standalone;
}
