/** What a rule is: metadata with its documentation inside, and a check over the file model. */
import type { LocatedHelper } from '../analysis/crossFileHelpers';
import type { ClientCreation, ClientLibrary, FileModel, RedisCallSite } from '../analysis/model';
import type { ExportedClient } from '../analysis/workspaceLookup';
import type { ResolvedConfig } from '../config/configShape';
import type { Fix, RelatedLocation, Severity, Span } from '../findings';
import type { SourceLanguage } from '../parsing/languages';

export type RuleCategory = 'latency' | 'memory' | 'durability' | 'security' | 'cluster' | 'reliability' | 'correctness';

/** What a rule does in test and script files: report as in app code, one severity lower, or not at all. */
export type ContextPolicy = 'keep' | 'lower' | 'skip';

export type LanguageFamily = 'python' | 'javascript' | 'go' | 'java';

/** The family whose rules apply to a file of this language (TypeScript and TSX share JavaScript's). */
export function languageFamilyOf(language: SourceLanguage): LanguageFamily {
  if (language === 'python' || language === 'go' || language === 'java') return language;
  return 'javascript';
}

export interface RuleExample {
  client: ClientLibrary;
  /** File name the example is analysed as ("app/users.py"): decides language (see exampleLanguage) and context. */
  file: string;
  /** Which of a client's APIs the example shows when a client has more than one (`RedisTemplate`, `@Cacheable`). */
  variant?: string;
  bad: string;
  good: string;
}

/** The language family of an example, from its file name (the docs group examples by it). */
export function exampleLanguage(example: Pick<RuleExample, 'file'>): LanguageFamily {
  if (example.file.endsWith('.py')) return 'python';
  if (example.file.endsWith('.go')) return 'go';
  if (example.file.endsWith('.java')) return 'java';
  return 'javascript';
}

export interface RuleDocs {
  /** One line, shown in tables and as SARIF shortDescription. */
  summary: string;
  what: string;
  why: string;
  examples: RuleExample[];
  fix: string;
  /** Known false positives, and how to silence them. */
  falsePositives: string;
  references: { title: string; url: string }[];
}

export interface RuleMeta {
  id: string;
  /** Stable short code ("RR101"). */
  code: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  languages: LanguageFamily[];
  /** 'none', or the safety of the fixes it offers. */
  fixable: 'none' | 'safe' | 'unsafe' | 'mixed';
  contexts: { test: ContextPolicy; script: ContextPolicy };
  /**
   * What the rule reports on: Redis commands (`calls`, the default: receivers judged from evidence count, as
   * `likely` findings) or client creations and their options (`clients`: only clients traced to a creation).
   */
  subject?: 'calls' | 'clients';
  /** Rule only runs when the project declares Redis Cluster or the receiver is a cluster client. */
  clusterAware?: boolean;
  /** Message templates with {{placeholders}}. */
  messages: Record<string, string>;
  docs: RuleDocs;
}

export interface RuleReport {
  messageId: string;
  data?: Record<string, string | number>;
  span: Span;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Overrides the configured severity for this report (e.g. a weaker variant of the rule). */
  severity?: Severity;
}

/** Everything a rule's check sees. */
export interface RuleContext {
  model: FileModel;
  /** Client calls that are not commands: lock(), register_script(), defineCommand(), pipeline(), exec(), transaction(). */
  helperCalls: RedisCallSite[];
  config: ResolvedConfig;
  /** Key patterns written/consumed/trimmed elsewhere in the workspace (for growth rules). */
  workspaceKeys?: WorkspaceKeyFacts;
  /** The review runs with a workspace index, so cross-file facts (listeners, consumers) are known. */
  hasWorkspace: boolean;
  /** True when some other file attaches an 'error' listener to the client with this identity. */
  hasErrorListenerElsewhere(identity: string): boolean;
  /**
   * The function `name` of the project's TS/JS module `specifier` (imported by this file) when it makes a new client
   * on every call and its module attaches no 'error' listener; undefined without a workspace or otherwise.
   */
  freshClientFactory?(specifier: string, name: string): ExportedClient | undefined;
  /**
   * The text of a Lua script file of the workspace that this file loads, by its path relative to this file's
   * folder (see WorkspaceLookup.luaScript); undefined without a workspace or when the file is not known.
   */
  luaScript?(relativePath: string): string | undefined;
  /**
   * The database number the project's Python module `specifier` gives its constant `name` (`db=config.CACHE_DB`
   * with `CACHE_DB = 1` in the imported config module; see WorkspaceIndex.settingsDatabase); undefined when unknown.
   */
  settingsDatabase?(specifier: string, name: string): number | undefined;
  /**
   * Functions and methods of the project named `name` that send one Redis command per call (by the file that
   * defines them); empty without a workspace. Ask only for names the file calls.
   */
  projectHelpers?(name: string): readonly LocatedHelper[];
  report(report: RuleReport): void;
}

export interface WorkspaceKeyFacts {
  /** True when some file of the workspace runs one of the commands on a key matching the pattern. */
  hasCommandOnKey(commands: readonly string[], keyPattern: string): boolean;
  /** The same, counting only files that are not scripts (seeding, migration and maintenance scripts). */
  hasCommandOnKeyOutsideScripts?(commands: readonly string[], keyPattern: string): boolean;
  /** Java: a configuration class of the file's build module gives the Spring cache manager's defaults a TTL. */
  javaModuleSetsCacheDefaultTtl?(path: string): boolean;
  /** Java: a configuration class of the file's build module declares a Spring cache manager. */
  javaModuleDeclaresCacheManager?(path: string): boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export type { ClientCreation, RedisCallSite };
