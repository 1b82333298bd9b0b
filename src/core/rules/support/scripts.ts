/** Lua script sources passed to EVAL, SCRIPT LOAD, register_script (redis-py) and defineCommand (ioredis). */
import type { Arg, RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import type { Span } from '../../findings';

export interface ScriptSource {
  arg: Arg;
  /** Where to report: the method name. */
  span: Span;
  via: string;
  /** Declared number of keys when literal (EVAL numkeys, numberOfKeys). */
  numberOfKeys?: number;
  /** The call that passes the script (its function is where a script held in a local is looked up). */
  site: RedisCallSite;
}

export function scriptSources(context: RuleContext): ScriptSource[] {
  const out: ScriptSource[] = [];
  const numberAt = (site: RedisCallSite, index: number) => (site.args[index]?.value.kind === 'number' ? (site.args[index].value as { value: number }).value : undefined);
  for (const site of context.model.callSites) {
    if ((site.command === 'EVAL' || site.command === 'EVAL_RO' || site.command === 'SCRIPT LOAD') && site.args[0]) {
      out.push({ arg: site.args[0], span: site.span, via: site.command, numberOfKeys: site.command === 'SCRIPT LOAD' ? undefined : numberAt(site, 1), site });
    }
  }
  for (const site of context.helperCalls) {
    if (site.method === 'register_script' && site.args[0]) out.push({ arg: site.args[0], span: site.span, via: 'register_script', site });
    if (site.method === 'defineCommand' && site.args[1]?.value.kind === 'object') {
      const entries = site.args[1].value.entries;
      const lua = entries.lua;
      const keys = entries.numberOfKeys;
      if (lua) out.push({ arg: lua, span: site.span, via: 'defineCommand', numberOfKeys: keys?.value.kind === 'number' ? keys.value.value : undefined, site });
    }
  }
  return out;
}
