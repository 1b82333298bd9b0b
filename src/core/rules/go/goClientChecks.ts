/** Go versions of the rules about how clients are created: literal passwords, plaintext remote hosts, numbered databases. */
import type { ClientCreation } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { isNumber } from './goSupport';

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0|redis|cache|host\.docker\.internal|[\w-]+)(:\d+)?$/;

function literal(creation: ClientCreation, option: string): string | undefined {
  const arg = creation.options[option];
  return arg?.value.kind === 'string' ? arg.value.value : undefined;
}

export function goHardcodedCredentials(context: RuleContext): void {
  const { text } = context.model;
  // go-redis options (`Password: "…"`, `SentinelPassword: "…"`), also in a defaults struct handed to the client later.
  if (context.model.importedModules.size) {
    for (const match of text.matchAll(/\b((?:Sentinel)?Password)\s*:\s*("(?:[^"\\\n]|\\.)+"|`[^`\n]+`)/g)) {
      const at = match.index! + match[0].indexOf(match[2]);
      if (inComment(text, at)) continue;
      context.report({ messageId: 'The Redis password is written in the code ({{option}}); read it from the environment or a secret store (`os.Getenv("REDIS_PASSWORD")`).', data: { option: `${match[1]}: "…"` }, span: spanAt(context, at, match[2].length) });
    }
  }
  // redigo: redis.DialPassword("…"), and redis:// URLs with a password anywhere in the file.
  for (const match of text.matchAll(/\bDialPassword\(\s*("(?:[^"\\\n]|\\.)+"|`[^`\n]+`)\s*\)/g)) {
    const at = match.index! + match[0].indexOf(match[1]);
    if (inComment(text, at)) continue;
    context.report({ messageId: 'The Redis password is written in the code ({{option}}); read it from the environment or a secret store (`os.Getenv("REDIS_PASSWORD")`).', data: { option: 'DialPassword("…")' }, span: spanAt(context, at, match[1].length) });
  }
  for (const match of text.matchAll(/"rediss?:\/\/[^"\s:@/]*:([^"\s@/]+)@[^"\s]*"/g)) {
    if (/^\$|^\{|^%s$/.test(match[1])) continue;
    context.report({ messageId: 'The Redis password is written in the code ({{option}}); read it from the environment or a secret store (`os.Getenv("REDIS_PASSWORD")`).', data: { option: 'a redis:// URL with a password' }, span: spanAt(context, match.index!, match[0].length) });
  }
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

export function goPlaintextRemoteConnection(context: RuleContext): void {
  for (const creation of context.model.creations) {
    if (creation.library !== 'go-redis') continue;
    const address = literal(creation, 'Addr');
    if (!address || LOCAL_HOST.test(address) || creation.options.TLSConfig) continue;
    context.report({ messageId: 'The client connects to {{address}} without TLS: commands, data and the password cross the network in clear; set `TLSConfig: &tls.Config{…}` (or use a rediss:// URL).', data: { address }, span: creation.options.Addr.span });
  }
}

export function goSelectDb(context: RuleContext): void {
  for (const creation of context.model.creations) {
    const db = creation.options.DB;
    if (db && db.value.kind === 'number' && !isNumber(db, 0)) {
      context.report({ messageId: 'Database {{db}} (numbered databases): Redis Cluster and most managed services only have database 0, and databases share one server thread; use a key prefix or a separate instance.', data: { db: db.text }, span: db.span });
    }
  }
  for (const match of context.model.text.matchAll(/\bDialDatabase\(\s*([1-9]\d*)\s*\)/g)) {
    context.report({ messageId: 'Database {{db}} (numbered databases): Redis Cluster and most managed services only have database 0, and databases share one server thread; use a key prefix or a separate instance.', data: { db: match[1] }, span: spanAt(context, match.index!, match[0].length) });
  }
  for (const site of context.model.callSites) {
    if (site.command !== 'SELECT' || isNumber(site.args[0], 0)) continue;
    context.report({ messageId: 'SELECT {{db}} switches one pooled connection only: other connections of the pool stay on their database; choose the database in the client options, or better a key prefix.', data: { db: site.args[0]?.text ?? '' }, span: site.span });
  }
}
