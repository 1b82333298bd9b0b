/** Client-specific spellings used in messages and fixes. */
import type { ClientLibrary, FileModel, RedisCallSite } from '../../analysis/model';

/** The receiver expression of a call (`self.redis` in `self.redis.keys(...)`). */
export function receiverText(site: RedisCallSite): string {
  return site.receiver.text;
}

export function isTypeScript(model: FileModel): boolean {
  return model.language === 'typescript' || model.language === 'tsx';
}

/** A literal shown in a message: 'user:*' for literals and patterns, the code itself otherwise. */
export function shownKey(site: RedisCallSite, index = 0): string {
  const arg = site.args[index];
  if (!arg) return '';
  if (arg.value.kind === 'string') return `'${arg.value.value}'`;
  if (arg.value.kind === 'pattern') return `'${arg.value.pattern}'`;
  return arg.text.length > 40 ? `${arg.text.slice(0, 37)}...` : arg.text;
}

/** How a method is spelled per client ("hgetall" vs "hGetAll"). */
export function methodName(library: ClientLibrary, python: string, ioredis: string, nodeRedis: string): string {
  return library === 'redis-py' ? python : library === 'ioredis' ? ioredis : nodeRedis;
}
