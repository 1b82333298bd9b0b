/**
 * cross-slot-multi-key on Go, for key lists that an unexported helper passes on to a script (`callLua(ctx, rdb,
 * script, keys, args)` running `script.Run(ctx, rdb, keys, args...)`): the helper's callers choose the keys, so the
 * finding sits on each call of the helper that hands it a key collection, in whichever file of the package it is,
 * and not inside the helper.
 */
import type { Arg, RedisCallSite } from '../../analysis/model';
import { spanFromOffsets } from '../../analysis/spans';
import { goKeyListHelpers, hasGoHashTag } from '../../analysis/go/goProjectFacts';
import type { RuleContext } from '../rule';
import { goClusterJudgement } from './goClusterEvidence';
import { callArgumentsAt } from './goSupport';

/** The optional project-level fact the workspace index answers (see WorkspaceIndex.goKeyListHelpers). */
interface KeyListHelpers {
  goKeyListHelpers?(): ReadonlyMap<string, number>;
}

/** The helpers of this file and of the project that pass a parameter on as a script's key list. */
function keyListHelpers(context: RuleContext): Map<string, number> {
  const helpers = goKeyListHelpers(context.model.text);
  for (const [name, index] of (context.workspaceKeys as KeyListHelpers | undefined)?.goKeyListHelpers?.() ?? []) if (!helpers.has(name)) helpers.set(name, index);
  return helpers;
}

/** The script run's key list is a parameter of an unexported helper: its callers are judged instead. */
export function keyListOfHelper(context: RuleContext, site: RedisCallSite, keyList: Arg): boolean {
  const fn = site.enclosingFunction;
  return !!fn && goKeyListHelpers(context.model.text).has(fn.name) && /^[A-Za-z_]\w*$/.test(keyList.text.trim());
}

/**
 * The key list a call hands the helper is a collection whose keys may span slots: not nil, not a literal list (one
 * key, or separate keys the call spells out), and not built in the calling function from {hash tag} templates.
 */
function mixedCollection(text: string, callOffset: number, passed: string): boolean {
  if (!passed || passed === 'nil' || /^\[\]\w+(\{\})?\{/.test(passed)) return false;
  const fnStart = text.lastIndexOf('\nfunc ', callOffset);
  const before = text.slice(fnStart < 0 ? 0 : fnStart, callOffset);
  // `keys := []string{k}` built in the caller and never grown: one key.
  const name = /^[A-Za-z_]\w*$/.test(passed) ? passed : undefined;
  if (name && new RegExp(`\\b${name}\\s*:?=\\s*\\[\\]\\w+\\{[^,{}]*\\}\\s*\\n`).test(before) && !new RegExp(`\\b${name}\\s*=\\s*append\\(`).test(before)) return false;
  return !hasGoHashTag(before);
}

/** Reports each call of a key-list helper whose key collection may span slots, on a client that is or may be a Cluster one. */
export function goKeyListHelperCalls(context: RuleContext): void {
  const { text } = context.model;
  for (const [helper, index] of keyListHelpers(context)) {
    for (const call of text.matchAll(new RegExp(`(?<![\\w])${helper}\\(`, 'g'))) {
      const lineStart = text.lastIndexOf('\n', call.index!) + 1;
      if (/^func\b/.test(text.slice(lineStart, call.index!))) continue;
      const passed = callArgumentsAt(text, call.index! + helper.length)?.[index] ?? '';
      if (!mixedCollection(text, call.index!, passed)) continue;
      const span = spanFromOffsets(text, call.index!, call.index! + helper.length);
      const receiver = { kind: 'client' as const, library: 'go-redis' as const, confidence: 'proven' as const, text: '', identity: `helper:${helper}`, origin: 'parameter' as const, async: false };
      const judged = goClusterJudgement(context, { receiver, span, callSpan: span, args: [] } as unknown as RedisCallSite);
      if (!judged.cluster) continue;
      context.report({ messageId: '{{helper}}() runs a script with the keys {{keys}} as KEYS{{client}}: keys in different hash slots fail with CROSSSLOT; give related keys a shared {hash tag} or run the script once per slot.', data: { helper, keys: passed.slice(0, 60), client: judged.evidence ? ` (${judged.evidence})` : '' }, span });
    }
  }
}
