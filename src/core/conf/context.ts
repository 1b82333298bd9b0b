/** What a rule sees: the parsed file, effective values with the target server's defaults, the workload and the target server. */
import type { Fix } from '../findings';
import { catalogueSource, directiveInfo, nameOnServer, type TargetServer } from './catalogue';
import type { DirectiveInfo } from './catalogueTypes';
import type { ConfDirective, ParsedConf } from './parser';
import { parseBool, parseMemory, parseStrictInteger } from './values';
import { isMode, isWorkload, type DeploymentMode, type Workload } from './workloads';

export interface LintOptions {
  fileName?: string;
  /** The server the file is written for (redis-7.0, redis-7.4, valkey-8); default: valkey-8 for valkey*.conf, else redis-7.0. */
  server?: TargetServer;
  /** Overrides the `# redis-review: workload=` header. */
  workload?: string;
}

const LOOPBACK = /^(-?127\.\d+\.\d+\.\d+|-?::1|localhost)$/;

export class LintContext {
  readonly workload: Workload | undefined;
  readonly mode: DeploymentMode | undefined;
  /** Host memory from the header (`memory=8gb`), used for headroom checks. */
  readonly hostMemory: number | undefined;
  /** Number of replicas per master in the deployment, from the header (`replicas=2`). */
  readonly replicas: number | undefined;
  /** Number of sentinels in the deployment, from the header (`sentinels=3`). */
  readonly sentinels: number | undefined;
  private readonly byName = new Map<string, ConfDirective[]>();
  private cachedSavePoints: Array<[number, number]> | undefined;

  constructor(
    readonly parsed: ParsedConf,
    readonly server: TargetServer,
    readonly sentinel: boolean,
    options: LintOptions,
  ) {
    const header = parsed.header;
    const workload = (options.workload ?? header.workload)?.toLowerCase();
    this.workload = isWorkload(workload) ? workload : undefined;
    this.mode = isMode(header.mode) ? header.mode : undefined;
    this.hostMemory = header.memory ? parseMemory(header.memory) : undefined;
    this.replicas = header.replicas ? parseStrictInteger(header.replicas) : undefined;
    this.sentinels = header.sentinels ? parseStrictInteger(header.sentinels) : undefined;
    for (const directive of parsed.directives) {
      const key = this.canonical(directive.name);
      const list = this.byName.get(key) ?? [];
      list.push(directive);
      this.byName.set(key, list);
    }
  }

  /** Product and version of the target server's build ("redis" 7.4.1, "valkey" 8.0.1). */
  get serverBuild(): { product: 'redis' | 'valkey'; version: string } {
    return catalogueSource(this.server);
  }

  get text(): string {
    return this.parsed.text;
  }

  get directives(): ConfDirective[] {
    return this.parsed.directives;
  }

  /** The directive as the target server knows it (undefined when the server does not accept the name). */
  info(name: string): DirectiveInfo | undefined {
    return directiveInfo(name, this.server);
  }

  /** The target server's canonical name of a directive (its aliases, and other servers' names for the same option, resolved). */
  canonical(name: string): string {
    const info = directiveInfo(name, this.server) ?? directiveInfo(nameOnServer(name, this.server) ?? '', this.server);
    return info ? (info.aliasOf ?? info.name) : name.toLowerCase();
  }

  /** Every line setting this directive or one of its aliases, in file order. */
  all(name: string): ConfDirective[] {
    return this.byName.get(this.canonical(name)) ?? [];
  }

  /** The line that takes effect (the last one). */
  last(name: string): ConfDirective | undefined {
    const list = this.all(name);
    return list[list.length - 1];
  }

  explicit(name: string): boolean {
    return this.all(name).length > 0;
  }

  /** Effective value: the last line's arguments joined by spaces, or Redis' built-in default. */
  value(name: string): string {
    const directive = this.last(name);
    if (directive) return directive.args.map((arg) => arg.value).join(' ');
    return directiveInfo(this.canonical(name), this.server)?.default ?? '';
  }

  bool(name: string): boolean {
    return parseBool(this.value(name)) ?? false;
  }

  integer(name: string): number | undefined {
    return parseStrictInteger(this.value(name));
  }

  /** Bytes of a memory directive (undefined when invalid). */
  memory(name: string): number | undefined {
    return parseMemory(this.value(name));
  }

  /** Addresses the server listens on; without `bind` Redis 7.0 listens on every interface. */
  bindAddresses(): string[] {
    const bind = this.last('bind');
    return bind ? bind.args.map((arg) => arg.value) : ['*', '-::*'];
  }

  listensBeyondLoopback(): boolean {
    return this.bindAddresses().some((address) => !LOOPBACK.test(address));
  }

  /** `user` lines written in this file. */
  userLines(): ConfDirective[] {
    return this.all('user');
  }

  /** The effective rules of the default user, when this file defines it. */
  defaultUserRules(): string[] | undefined {
    const line = [...this.userLines()].reverse().find((d) => d.args[0]?.value === 'default');
    return line?.args.slice(1).map((arg) => arg.value);
  }

  /** True when clients must authenticate: requirepass, an aclfile, or a default user that is off or has a password. */
  requiresAuth(): boolean {
    if (this.value('requirepass') !== '' || this.value('aclfile') !== '') return true;
    const rules = this.defaultUserRules();
    if (!rules) return false;
    const lower = rules.map((rule) => rule.toLowerCase());
    const lastState = lower.filter((rule) => rule === 'on' || rule === 'off').pop();
    if (lastState === 'off') return true;
    return lower.some((rule) => rule.startsWith('>') || rule.startsWith('#')) && !lower.includes('nopass');
  }

  /** True when the file configures persistence (an AOF, or at least one RDB save point, including the implicit default). */
  persistenceEnabled(): boolean {
    return this.bool('appendonly') || this.savePoints().length > 0;
  }

  /** Effective RDB save points as [seconds, changes]; no `save` line means 7.0's default 3600 1 300 100 60 10000. */
  savePoints(): Array<[number, number]> {
    if (this.cachedSavePoints) return this.cachedSavePoints;
    const lines = this.all('save');
    const words = lines.length === 0 ? ['3600', '1', '300', '100', '60', '10000'] : lastSaveWords(lines);
    const points: Array<[number, number]> = [];
    for (let i = 0; i + 1 < words.length; i += 2) points.push([Number(words[i]), Number(words[i + 1])]);
    this.cachedSavePoints = points;
    return points;
  }

  isReplica(): boolean {
    const replicaof = this.last('replicaof');
    return !!replicaof && replicaof.args[0]?.value.toLowerCase() !== 'no';
  }

  /** Part of a replicated deployment (this node may be or become a master with replicas). */
  replicated(): boolean {
    return this.isReplica() || this.mode === 'replica' || this.mode === 'sentinel' || this.mode === 'cluster' || (this.replicas ?? 0) > 0;
  }

  /** Range of a directive's whole line content. */
  lineRange(directive: ConfDirective): { startOffset: number; endOffset: number } {
    const lastArg = directive.args[directive.args.length - 1];
    return { startOffset: directive.nameStartOffset, endOffset: lastArg ? lastArg.endOffset : directive.nameEndOffset };
  }

  /** Range of argument `index`, or of the name when the argument is missing. */
  argRange(directive: ConfDirective, index: number): { startOffset: number; endOffset: number } {
    const arg = directive.args[index];
    return arg ? { startOffset: arg.startOffset, endOffset: arg.endOffset } : { startOffset: directive.nameStartOffset, endOffset: directive.nameEndOffset };
  }

  /** Range used for file-level findings (a missing directive): the header comment line, or the first line. */
  fileRange(): { startOffset: number; endOffset: number } {
    const line = this.parsed.headerLine ?? 0;
    return { startOffset: this.parsed.index.lineStart(line), endOffset: this.parsed.index.lineEnd(line) };
  }

  /** A fix that replaces a directive's arguments with `value` (or appends the directive when it is absent). */
  setFix(description: string, name: string, value: string, safe = true): Fix {
    const directive = this.last(name);
    if (directive) {
      const start = directive.args[0]?.startOffset ?? directive.nameEndOffset;
      const end = directive.args.length ? directive.args[directive.args.length - 1].endOffset : directive.nameEndOffset;
      return { description, safe, edits: [{ startOffset: start, endOffset: end, newText: directive.args.length ? value : ` ${value}` }] };
    }
    return this.appendFix(description, `${name} ${value}`, safe);
  }

  /** A fix that adds a line at the end of the file. */
  appendFix(description: string, line: string, safe = true): Fix {
    const text = this.parsed.text;
    const prefix = text.length === 0 || text.endsWith('\n') ? '' : '\n';
    return { description, safe, edits: [{ startOffset: text.length, endOffset: text.length, newText: `${prefix}${line}\n` }] };
  }
}

function lastSaveWords(lines: ConfDirective[]): string[] {
  // Each `save` line adds points; `save ""` clears the list (Redis 7.0 semantics).
  let words: string[] = [];
  for (const line of lines) {
    const args = line.args.map((arg) => arg.value);
    const split = args.length === 1 ? args[0].split(/\s+/).filter(Boolean) : args;
    if (split.length === 0) words = [];
    else for (const word of split) words.push(word);
  }
  return words;
}
