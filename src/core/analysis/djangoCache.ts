/** Django's cache API on a project that uses Redis: with django-redis as the backend its calls are Redis commands. */
import type { Node } from 'web-tree-sitter';
import type { ClientTracker } from './clientTracker';
import type { ContextSnapshot } from './collect';
import type { CallParts, LanguageSyntax } from './syntax';

/**
 * `cache` or `caches['default']` imported from django.core.cache (the caller checks that the project uses Redis).
 * Django's own backends have no keys(): a call of it means the django-redis backend.
 */
export function isDjangoCache(object: Node, context: ContextSnapshot, syntax: LanguageSyntax, tracker: ClientTracker): boolean {
  if (syntax.family !== 'python') return false;
  const name = object.type === 'subscript' ? object.childForFieldName('value') : object;
  if (name?.type !== 'identifier') return false;
  if (tracker.importedModuleOf(name.text, context) === 'django.core.cache') return true;
  // `cache = caches[alias or DEFAULT_CACHE_ALIAS]`, assigned once in the function (or module) that uses it.
  let scope = name.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  const assigned = scope?.descendantsOfType('assignment').filter((a) => a?.childForFieldName('left')?.text === name.text) ?? [];
  const value = assigned.length === 1 ? assigned[0]?.childForFieldName('right') : undefined;
  const source = value?.type === 'subscript' ? value.childForFieldName('value') : value;
  return source?.type === 'identifier' && tracker.importedModuleOf(source.text, context) === 'django.core.cache';
}

/** Django's `cache.set(key, value, timeout=None)` (or None third): an entry that never expires. */
export function setsWithoutTimeout(parts: CallParts): boolean {
  const timeout = parts.keywords.find((k) => k.name === 'timeout')?.value ?? parts.args[2];
  return timeout?.type === 'none';
}
