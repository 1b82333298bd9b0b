/** The `.redis-review.json` project configuration: its raw shape, the resolved form, and defaults. */
import type { Severity } from '../findings';
import { DEFAULT_TARGET_SERVER, type TargetServer } from '../servers/targetServers';

export type { TargetServer } from '../servers/targetServers';

export type RuleSetting = 'off' | Severity;

/** How test and script files are treated: each rule's own policy, the same as app code, or skipped entirely. */
export type ContextMode = 'rule-default' | 'same-as-app' | 'skip';

/** The file as users write it (see schemas/redis-review.schema.json). */
export interface RedisReviewConfigFile {
  $schema?: string;
  /** Severity per rule id, or "off". */
  rules?: Record<string, RuleSetting>;
  /** Globs of files never analysed (relative to the config file). */
  ignore?: string[];
  /** Extra globs for test and script context. */
  testFiles?: string[];
  scriptFiles?: string[];
  /** Treatment of test/script files. */
  nonAppFiles?: ContextMode;
  /** Key patterns known to hold small collections ("user:*:roles"): silences unbounded-collection-read. */
  boundedKeys?: string[];
  /** The application talks to Redis Cluster: enables cluster rules and raises their severity. */
  cluster?: boolean;
  /** TTL used by quick fixes that add an expiry (seconds). */
  defaultTtlSeconds?: number;
  /** Lock TTL used by lock fixes (milliseconds). */
  lockTtlMs?: number;
  /** MAXLEN used by stream fixes. */
  streamMaxLen?: number;
  /** SCAN COUNT above which scan-huge-count reports. */
  maxScanCount?: number;
  /** Report suppression comments that suppress nothing. */
  reportUnusedSuppressions?: boolean;
  /** The server the project runs on ("redis-7.0", "redis-7.4", "valkey-8"): commands and fixes are judged against it. */
  server?: TargetServer;
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  ignore: string[];
  testFiles: string[];
  scriptFiles: string[];
  nonAppFiles: ContextMode;
  boundedKeys: string[];
  cluster: boolean;
  defaultTtlSeconds: number;
  lockTtlMs: number;
  streamMaxLen: number;
  maxScanCount: number;
  reportUnusedSuppressions: boolean;
  server: TargetServer;
  /** True when the file (or the editor settings) named the server; false means `server` is only the default (a valkey.conf then assumes Valkey). */
  serverDeclared?: boolean;
}

export const DEFAULT_CONFIG: ResolvedConfig = {
  rules: {},
  ignore: [],
  testFiles: [],
  scriptFiles: [],
  nonAppFiles: 'rule-default',
  boundedKeys: [],
  cluster: false,
  defaultTtlSeconds: 3600,
  lockTtlMs: 30000,
  streamMaxLen: 10000,
  maxScanCount: 10000,
  reportUnusedSuppressions: false,
  server: DEFAULT_TARGET_SERVER,
};

export const CONFIG_FILE_NAME = '.redis-review.json';
