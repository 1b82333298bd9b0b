/** Go versions of the rules about how clients are created: literal passwords, plaintext remote hosts, numbered databases. */
import type { ClientCreation } from '../../analysis/model';
import type { RuleContext, RuleReport } from '../rule';
import { isNumber } from './goSupport';
import { urlLiterals } from '../select-db';
import { REDIS_PASSWORD_NAME, REDIS_PASSWORD_WORD, isSecretPlaceholder } from '../support/secretPlaceholders';

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0|redis|cache|host\.docker\.internal|[\w-]+)(:\d+)?$/;

function literal(creation: ClientCreation, option: string): string | undefined {
  const arg = creation.options[option];
  return arg?.value.kind === 'string' ? arg.value.value : undefined;
}

interface HeldLiteral {
  /** The literal's text as written (`"s3cret"`, `1`). */
  text: string;
  offset: number;
}

/**
 * The literal an option names through a variable (`var password = "s3cret"` … `Password: password`): its last
 * assignment before the client is created, in the same function or at package level. The literal is where the
 * value is written, so that is where it is reported.
 */
function heldLiteral(context: RuleContext, creation: ClientCreation, option: string): HeldLiteral | undefined {
  const arg = creation.options[option];
  if (!arg || !/^[A-Za-z_]\w*$/.test(arg.text)) return undefined;
  const { text } = context.model;
  const from = creation.enclosingFunction?.span.startOffset ?? 0;
  const scopes = [text.slice(from, creation.callSpan.startOffset)];
  if (from > 0) scopes.push(text.slice(0, from));
  const assignment = new RegExp(`(?:\\bvar\\s+|\\bconst\\s+|^\\s*)${arg.text}(?:\\s+\\w+)?\\s*:?=\\s*("(?:[^"\\\\\\n]|\\\\.)*"|\\d+)\\s*(?://.*)?$`, 'gm');
  for (const [index, scope] of scopes.entries()) {
    let found: RegExpExecArray | undefined;
    for (const match of scope.matchAll(assignment)) found = match as RegExpExecArray;
    if (found) return { text: found[1], offset: (index === 0 ? from : 0) + found.index! + found[0].lastIndexOf(found[1]) };
  }
  return undefined;
}

export function goHardcodedCredentials(outer: RuleContext): void {
  const { text } = outer.model;
  // One literal is reported once, whichever of the shapes below finds it (`redisPassword := "…"` handed to `Password:`).
  const reported = new Set<number>();
  const context: RuleContext = Object.assign(Object.create(outer) as RuleContext, {
    report: (finding: RuleReport) => {
      const at = finding.span?.startOffset;
      if (at !== undefined && reported.has(at)) return;
      if (at !== undefined) reported.add(at);
      outer.report(finding);
    },
  });
  // go-redis options (`Password: "…"`, `SentinelPassword: "…"`), also in a defaults struct handed to the client later.
  if (context.model.importedModules.size) {
    for (const match of text.matchAll(/\b((?:Sentinel)?Password)\s*:\s*("(?:[^"\\\n]|\\.)+"|`[^`\n]+`)/g)) {
      const at = match.index! + match[0].indexOf(match[2]);
      if (inComment(text, at) || isSecretPlaceholder(match[2])) continue;
      context.report({ messageId: 'The Redis password is written in the code ({{option}}); read it from the environment or a secret store (`os.Getenv("REDIS_PASSWORD")`).', data: { option: `${match[1]}: "…"` }, span: spanAt(context, at, match[2].length) });
    }
  }
  // A password held in a variable and handed to the options (`Password: password`).
  for (const creation of context.model.creations) {
    for (const option of ['Password', 'SentinelPassword']) {
      const held = heldLiteral(context, creation, option);
      if (!held || held.text === '""' || /^\d+$/.test(held.text) || isSecretPlaceholder(held.text)) continue;
      context.report({ messageId: 'The Redis password is written in the code ({{option}}); read it from the environment or a secret store (`os.Getenv("REDIS_PASSWORD")`).', data: { option: `${creation.options[option].text} = "…", the ${option} option` }, span: spanAt(context, held.offset, held.text.length) });
    }
  }
  // redigo: redis.DialPassword("…"), and redis:// URLs with a password anywhere in the file.
  for (const match of text.matchAll(/\bDialPassword\(\s*("(?:[^"\\\n]|\\.)+"|`[^`\n]+`)\s*\)/g)) {
    const at = match.index! + match[0].indexOf(match[1]);
    if (inComment(text, at) || isSecretPlaceholder(match[1])) continue;
    context.report({ messageId: 'The Redis password is written in the code ({{option}}); read it from the environment or a secret store (`os.Getenv("REDIS_PASSWORD")`).', data: { option: 'DialPassword("…")' }, span: spanAt(context, at, match[1].length) });
  }
  for (const literal of passwordArguments(text)) {
    if (inComment(text, literal.offset) || isSecretPlaceholder(literal.text)) continue;
    context.report({ messageId: 'The Redis password is written in the code ({{option}}); read it from the environment or a secret store (`os.Getenv("REDIS_PASSWORD")`).', data: { option: `${literal.callee}(…, "…"), whose ${literal.parameter} becomes the password` }, span: spanAt(context, literal.offset, literal.text.length) });
  }
  // A literal given to a name that says Redis password (`redisPassword := "…"`, `const RedisPass = "…"`,
  // `Config{RedisPassword: "…"}`): it becomes the password wherever the client is built, also in another package.
  if (REDIS_PASSWORD_WORD.test(text)) {
    for (const match of text.matchAll(/(?<![\w.])([A-Za-z_]\w*)(?:\s+\w+)?\s*(?::=|=(?!=)|:)\s*("(?:[^"\\\n]|\\.)+"|`[^`\n]+`)/g)) {
      if (!REDIS_PASSWORD_NAME.test(match[1])) continue;
      const at = match.index! + match[0].lastIndexOf(match[2]);
      if (inComment(text, at) || isSecretPlaceholder(match[2])) continue;
      context.report({ messageId: 'The Redis password is written in the code ({{option}}); read it from the environment or a secret store (`os.Getenv("REDIS_PASSWORD")`).', data: { option: `${match[1]} = "…"` }, span: spanAt(context, at, match[2].length) });
    }
  }
  for (const match of text.matchAll(/"rediss?:\/\/[^"\s:@/]*:([^"\s@/]+)@[^"\s]*"/g)) {
    if (isSecretPlaceholder(match[1])) continue;
    context.report({ messageId: 'The Redis password is written in the code ({{option}}); read it from the environment or a secret store (`os.Getenv("REDIS_PASSWORD")`).', data: { option: 'a redis:// URL with a password' }, span: spanAt(context, match.index!, match[0].length) });
  }
}

/** Parameter names of a Go parameter list in order (`host, passwd string, db int` → host, passwd, db). */
function parameterNames(list: string): string[] {
  return list
    .split(',')
    .map((part) => /^\s*([A-Za-z_]\w*)/.exec(part)?.[1])
    .filter((name): name is string => !!name);
}

/** Splits a Go argument list at its top-level commas. */
function topLevelArguments(list: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  let quote = '';
  for (let i = 0; i <= list.length; i++) {
    const char = list[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === '`') quote = char;
    else if (char === '(' || char === '{' || char === '[') depth++;
    else if (char === ')' || char === '}' || char === ']') depth--;
    else if (i === list.length || (char === ',' && depth === 0)) {
      const raw = list.slice(start, i);
      out.push({ text: raw.trim(), offset: start + raw.length - raw.trimStart().length });
      start = i + 1;
    }
  }
  return out;
}

/**
 * String literals handed to a function of the file at a parameter that the function turns into the Redis password
 * (`InitRedis(addr, "123456")` with `c.Do("AUTH", passwd)`, `DialPassword(passwd)` or `Password: passwd` inside):
 * the literal at the call is where the password is written.
 */
function passwordArguments(text: string): { text: string; offset: number; callee: string; parameter: string }[] {
  const found: { text: string; offset: number; callee: string; parameter: string }[] = [];
  for (const fn of text.matchAll(/^func\s+(?:\([^)]*\)\s*)?(\w+)\(([^)]*)\)[^\n]*\{\n([\s\S]*?)^\}/gm)) {
    const [, name, params, body] = fn;
    const names = parameterNames(params);
    names.forEach((parameter, position) => {
      const use = new RegExp(`\\bPassword\\s*:\\s*${parameter}\\b|\\bDialPassword\\(\\s*${parameter}\\s*\\)|\\bDo\\(\\s*"(?:AUTH|auth|Auth)"\\s*,\\s*${parameter}\\s*\\)|\\.Auth\\(\\s*\\w+\\s*,\\s*${parameter}\\s*\\)`);
      if (!use.test(body)) return;
      for (const call of text.matchAll(new RegExp(`(?<![\\w.])${name}\\(`, 'g'))) {
        const open = call.index! + call[0].length;
        if (text.slice(text.lastIndexOf('\n', call.index!) + 1, call.index!).trimStart().startsWith('func ')) continue;
        let depth = 1;
        let close = open;
        while (close < text.length && depth > 0) {
          if (text[close] === '(') depth++;
          else if (text[close] === ')') depth--;
          close++;
        }
        const argument = topLevelArguments(text.slice(open, close - 1))[position];
        if (argument && /^"(?:[^"\\\n]|\\.)+"$/.test(argument.text)) found.push({ text: argument.text, offset: open + argument.offset, callee: name, parameter });
      }
    });
  }
  return found;
}

/** The offset sits in a `//` comment (commented-out code is no credential in use). */
function inComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^\s*\/\//.test(text.slice(lineStart, offset)) || text.slice(lineStart, offset).includes('//');
}

function spanAt(context: RuleContext, offset: number, length: number) {
  const { text } = context.model;
  const line = text.slice(0, offset).split('\n').length - 1;
  const column = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  return { start: { line, column }, end: { line, column: column + length }, startOffset: offset, endOffset: offset + length };
}

/** rueidis: the first remote literal of `InitAddress: []string{"host:port", …}` (the seeds share the cluster's TLS setting). */
function rueidisRemoteSeed(creation: ClientCreation): { address: string; span: ClientCreation['options'][string]['span'] } | undefined {
  const seeds = creation.options.InitAddress;
  if (!seeds || seeds.value.kind !== 'array') return undefined;
  for (const item of seeds.value.items) if (item.value.kind === 'string' && !LOCAL_HOST.test(item.value.value)) return { address: item.value.value, span: item.span };
  return undefined;
}

export function goPlaintextRemoteConnection(context: RuleContext): void {
  for (const creation of context.model.creations) {
    if (creation.library === 'rueidis') {
      const seed = rueidisRemoteSeed(creation);
      if (!seed || creation.options.TLSConfig) continue;
      context.report({ messageId: 'The client connects to {{address}} without TLS: commands, data and the password cross the network in clear; set `TLSConfig: &tls.Config{…}` (or use a rediss:// URL).', data: { address: seed.address }, span: seed.span });
      continue;
    }
    if (creation.library !== 'go-redis') continue;
    const held = literal(creation, 'Addr') === undefined ? heldLiteral(context, creation, 'Addr') : undefined;
    const address = literal(creation, 'Addr') ?? (held && held.text.startsWith('"') ? held.text.slice(1, -1) : undefined);
    if (!address || LOCAL_HOST.test(address) || creation.options.TLSConfig) continue;
    context.report({ messageId: 'The client connects to {{address}} without TLS: commands, data and the password cross the network in clear; set `TLSConfig: &tls.Config{…}` (or use a rediss:// URL).', data: { address }, span: held ? spanAt(context, held.offset, held.text.length) : creation.options.Addr.span });
  }
}

/** The parameter names of the Go function declared at `start` (`func New(addr, password string, db int)` → addr, password, db). */
function goParameterNames(text: string, start: number): string[] {
  const list = /^func\s*(?:\([^)]*\)\s*)?\w*\s*(?:\[[^\]]*\]\s*)?\(([^)]*)\)/.exec(text.slice(start, start + 2000))?.[1];
  return list ? list.split(',').map((part) => part.trim().split(/\s+/)[0]).filter((name) => /^[A-Za-z_]\w*$/.test(name)) : [];
}

export function goSelectDb(context: RuleContext): void {
  for (const creation of context.model.creations) {
    // go-redis `DB: 3`, rueidis `SelectDB: 3`.
    const option = creation.library === 'rueidis' ? 'SelectDB' : 'DB';
    const db = creation.options[option];
    if (db && db.value.kind === 'number' && !isNumber(db, 0)) {
      context.report({ messageId: 'Database {{db}} (numbered databases): Redis Cluster and most managed services only have database 0, and databases share one server thread; use a key prefix or a separate instance.', data: { db: db.text }, span: db.span });
      continue;
    }
    const held = heldLiteral(context, creation, option);
    if (held && /^[1-9]\d*$/.test(held.text)) {
      context.report({ messageId: 'Database {{db}} (numbered databases): Redis Cluster and most managed services only have database 0, and databases share one server thread; use a key prefix or a separate instance.', data: { db: held.text }, span: spanAt(context, held.offset, held.text.length) });
      continue;
    }
    const fn = creation.enclosingFunction;
    const text = context.model.text;
    const given = fn ? goParameterNames(text, fn.span.startOffset) : [];
    if (!db || !fn || !given.includes(db.text.trim())) continue;
    // A connection helper whose address is a parameter too (also through a local, `addr := fmt.Sprintf("%s:%s",
    // conf.Host, conf.Port)`) connects wherever it is told, as the Python check reads it.
    const body = text.slice(fn.span.startOffset, creation.span.startOffset);
    const address = ['Addr', 'Addrs', 'InitAddress', 'Network'].map((key) => creation.options[key]?.text ?? '').join(' ');
    const names = [...address.matchAll(/[A-Za-z_]\w*/g)].map(([name]) => name);
    const assigned = names.flatMap((name) => [...body.matchAll(new RegExp(`\\b${name}\\s*:?=\\s*([^\\n]+)`, 'g'))].flatMap((m) => [...m[1].matchAll(/[A-Za-z_]\w*/g)].map(([n]) => n)));
    if ([...names, ...assigned].some((name) => given.includes(name))) continue;
    // Every call of the builder in the file passes 0 (`ConnectRedis()` returning `ConnectRedisDB(0)`): database 0, as a Python default of 0 is.
    const position = given.indexOf(db.text.trim());
    const calls = [...text.matchAll(new RegExp(`(?<![\\w.])${fn.name}\\(([^()\\n]*)\\)`, 'g'))].filter((m) => m.index! < fn.span.startOffset || m.index! >= fn.span.endOffset);
    if (calls.length && calls.every((m) => m[1].split(',')[position]?.trim() === '0')) continue;
    context.report({ messageId: 'Database {{db}} (numbered databases), one client per database number passed to {{fn}}(): Redis Cluster and most managed services only have database 0, and databases share one server thread; use a key prefix or a separate instance.', data: { db: db.text, fn: fn.name }, span: db.span });
  }
  // `redis.ParseURL("redis://cache:6379/2")`, `redis.DialURL("redis://…/3")`, an environment default: the URL picks the database.
  for (const url of urlLiterals(context.model.text, new Set())) {
    context.report({ messageId: 'Database {{db}} (numbered databases): Redis Cluster and most managed services only have database 0, and databases share one server thread; use a key prefix or a separate instance.', data: { db: url.db }, span: url.span });
  }
  for (const match of context.model.text.matchAll(/\bDialDatabase\(\s*([1-9]\d*)\s*\)/g)) {
    context.report({ messageId: 'Database {{db}} (numbered databases): Redis Cluster and most managed services only have database 0, and databases share one server thread; use a key prefix or a separate instance.', data: { db: match[1] }, span: spanAt(context, match.index!, match[0].length) });
  }
  for (const site of context.model.callSites) {
    if (site.command !== 'SELECT' || isNumber(site.args[0], 0)) continue;
    context.report({ messageId: 'SELECT {{db}} switches one pooled connection only: other connections of the pool stay on their database; choose the database in the client options, or better a key prefix.', data: { db: site.args[0]?.text ?? '' }, span: site.span });
  }
}
