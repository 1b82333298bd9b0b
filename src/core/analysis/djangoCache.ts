/** Django's cache API on a project that uses Redis: with django-redis as the backend its calls are Redis commands. */
import type { Node } from 'web-tree-sitter';
import type { ClientTracker } from './clientTracker';
import type { ContextSnapshot } from './collect';
import type { CallParts, LanguageSyntax } from './syntax';

const DJANGO_CACHE = 'django.core.cache';

/** The assignments under a function or module node, by target text: read once per scope and analysis. */
export class ScopeAssignments {
  private readonly byScope = new Map<number, Map<string, Node[]>>();

  of(scope: Node, target: string): Node[] {
    let byTarget = this.byScope.get(scope.id);
    if (!byTarget) {
      byTarget = new Map();
      for (const assignment of scope.descendantsOfType('assignment')) {
        const left = assignment?.childForFieldName('left')?.text;
        if (left === undefined) continue;
        const list = byTarget.get(left);
        if (list) list.push(assignment!);
        else byTarget.set(left, [assignment!]);
      }
      this.byScope.set(scope.id, byTarget);
    }
    return byTarget.get(target) ?? [];
  }
}

/**
 * `cache` or `caches['default']` imported from django.core.cache (the caller checks that the project uses Redis).
 * Django's own backends have no keys(): a call of it means the django-redis backend.
 */
export function isDjangoCache(object: Node, context: ContextSnapshot, syntax: LanguageSyntax, tracker: ClientTracker, text: string, assignments: ScopeAssignments): boolean {
  if (syntax.family !== 'python') return false;
  // Either way the name comes from an import of django.core.cache, which the file's text then spells out
  // (an import's module is the text of its dotted name). A file that never does is not searched for
  // assignments: for a call at module level that search reads the whole tree, and it ran for every such call.
  if (!text.includes(DJANGO_CACHE)) return false;
  const name = object.type === 'subscript' ? object.childForFieldName('value') : object;
  if (name?.type !== 'identifier') return false;
  if (tracker.importedModuleOf(name.text, context) === DJANGO_CACHE) return true;
  // `cache = caches[alias or DEFAULT_CACHE_ALIAS]`, assigned once in the function (or module) that uses it.
  let scope = name.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  const assigned = scope ? assignments.of(scope, name.text) : [];
  const value = assigned.length === 1 ? assigned[0]?.childForFieldName('right') : undefined;
  const source = value?.type === 'subscript' ? value.childForFieldName('value') : value;
  return source?.type === 'identifier' && tracker.importedModuleOf(source.text, context) === 'django.core.cache';
}

/** Django's `cache.set(key, value, timeout=None)` (or None third): an entry that never expires. */
export function setsWithoutTimeout(parts: CallParts): boolean {
  const timeout = parts.keywords.find((k) => k.name === 'timeout')?.value ?? parts.args[2];
  return timeout?.type === 'none';
}
