/** Edits that add options to an existing call, spelled for each client (`ex=60`, `'EX', 60`, `{ EX: 60 }`). */
import type { RedisCallSite } from '../../analysis/model';
import type { FileModel } from '../../analysis/model';
import type { TextEdit } from '../../findings';
import { insertAt } from './edits';

/** Insert text before the call's closing parenthesis, minding a trailing comma. */
export function appendArguments(model: FileModel, site: RedisCallSite, pythonText: string, ioredisText: string, nodeRedisText: string): TextEdit | undefined {
  const close = site.callSpan.endOffset - 1;
  if (model.text[close] !== ')') return undefined;
  const before = model.text.slice(site.callSpan.startOffset, close).trimEnd();
  const trailingComma = before.endsWith(',');
  const text = site.receiver.library === 'redis-py' ? pythonText : site.receiver.library === 'ioredis' ? ioredisText : nodeRedisText;
  const insertOffset = site.callSpan.startOffset + before.length;
  return insertAt(insertOffset, trailingComma ? ` ${text}` : `, ${text}`);
}

/** Edit giving a plain `SET key value` call a TTL, or undefined when the call has other options already. */
export function setWithTtlEdit(model: FileModel, site: RedisCallSite, unit: 'EX' | 'PX', ttl: string): TextEdit | undefined {
  if (site.command !== 'SET' || site.args.length !== 2 || Object.keys(site.keywords).length > 0 || site.method === 'call' || site.method === 'execute_command' || site.method === 'sendCommand') return undefined;
  return appendArguments(model, site, `${unit.toLowerCase()}=${ttl}`, `'${unit}', ${ttl}`, `{ ${unit}: ${ttl} }`);
}
