/** Write sites per key pattern (for linking memory analysis namespaces back to code). */
import { keyPatternOf } from '../analysis/argumentValues';
import { TTL_WRITE_COMMANDS, WRITE_COMMANDS } from '../analysis/commandNames';
import type { FileModel, RedisCallSite, WriteSite } from '../analysis/model';
import { setSetsTtl } from '../rules/support/options';

const EXPIRE_COMMANDS = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);

/** Normalises a key pattern for namespace matching: any unknown part is `*`. */
function normalizedKey(site: RedisCallSite): string | undefined {
  return keyPatternOf(site.args[0]);
}

export function writeSitesOf(model: FileModel): WriteSite[] {
  const expired = new Map<string, Set<string>>();
  for (const site of model.callSites) {
    if (!EXPIRE_COMMANDS.has(site.command)) continue;
    const key = normalizedKey(site);
    if (!key) continue;
    const scope = site.enclosingFunction ? `${site.enclosingFunction.span.startOffset}` : 'module';
    const set = expired.get(scope) ?? new Set();
    set.add(key);
    expired.set(scope, set);
  }
  const out: WriteSite[] = [];
  for (const site of model.callSites) {
    if (!WRITE_COMMANDS.has(site.command)) continue;
    const scope = site.enclosingFunction ? `${site.enclosingFunction.span.startOffset}` : 'module';
    if (site.command === 'MSET') {
      for (const arg of site.args.filter((_, i) => i % 2 === 0)) {
        const key = keyPatternOf(arg);
        if (key) out.push({ keyPattern: key, command: site.command, span: site.callSpan, setsTtl: false });
      }
      continue;
    }
    const key = normalizedKey(site);
    if (!key) continue;
    const setsTtl = TTL_WRITE_COMMANDS.has(site.command) || setSetsTtl(site) || !!expired.get(scope)?.has(key);
    out.push({ keyPattern: key, command: site.command, span: site.callSpan, setsTtl });
  }
  return out;
}
