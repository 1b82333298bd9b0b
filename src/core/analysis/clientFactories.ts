/**
 * Which Redis library factory a callee names, through the ways real code reaches one: an import (aliased,
 * destructured from a default import, re-exported by a project module), `require(...)` in place, or the
 * module itself called as a constructor. And which client kind a type annotation names.
 */
import type { Node } from 'web-tree-sitter';
import type { BoundName, ContextSnapshot } from './collect';
import type { ClientRef } from './clientValues';
import type { ClientLibrary } from './model';
import { CLIENT_TYPE_NAMES, REDIS_MODULES, type FactoryInfo, type LanguageSyntax } from './syntax';
import type { WorkspaceLookup } from './workspaceLookup';

/** The names in scope where an expression is read (the tracker's view of the file's bindings). */
export interface ScopedNames {
  bindingsFor(name: string, context: ContextSnapshot): BoundName[] | undefined;
}

export interface FactoryScope extends ScopedNames {
  readonly syntax: LanguageSyntax;
  readonly path: string;
  readonly workspace?: WorkspaceLookup;
}

export function isRedisModule(module: string): boolean {
  return REDIS_MODULES.has(module) || REDIS_MODULES.has(module.split('.')[0]);
}

export function factoryOf(scope: FactoryScope, callee: Node, isNew: boolean, context: ContextSnapshot): FactoryInfo | undefined {
  const { syntax, workspace, path } = scope;
  // `require(<redis library>)()` and `new (require(<redis library>))(...)`: the module itself is the factory.
  const required = syntax.requiredModule?.(callee);
  if (required) return syntax.factory(`${required}:require`, isNew) ?? syntax.factory(`${required}:*`, isNew);
  // `require('redis').createClient()`: a factory of the module required in place (or of the library a project module re-exports).
  const object = callee.type === 'member_expression' ? callee.childForFieldName('object') : null;
  const inPlace = object ? syntax.requiredModule?.(object) : undefined;
  if (inPlace) {
    const property = callee.childForFieldName('property')!.text;
    const library = workspace?.reexportedLibrary?.(path, syntax.family, inPlace) ?? inPlace;
    return syntax.factory(`${library}:*.${property}`, isNew);
  }
  const dotted = syntax.dottedPath(callee);
  if (!dotted) return undefined;
  const [first, ...rest] = dotted.split('.');
  const bindings = scope.bindingsFor(first, context);
  let binding = bindings?.find((b) => b.kind === 'import');
  const alias = binding ? undefined : bindings?.find((b) => b.kind === 'alias');
  if (alias?.module) {
    // `const { createClient } = redisPkg` where redisPkg is the default/namespace import of a Redis library.
    const source = scope.bindingsFor(alias.module, context)?.find((b) => b.kind === 'import');
    if (source?.module && (source.imported === 'default' || source.imported === '*')) binding = { ...source, imported: alias.imported };
  }
  if (!binding?.module) return undefined;
  const library = workspace?.reexportedLibrary?.(path, syntax.family, binding.module);
  if (library) return syntax.factory(`${library}:${[binding.imported === 'default' ? '*' : binding.imported, ...rest].join('.')}`, isNew);
  const qualified =
    syntax.family === 'python'
      ? [binding.module, binding.imported === '*' ? undefined : binding.imported, ...rest].filter(Boolean).join('.')
      : `${binding.module}:${[binding.imported, ...rest].join('.')}`;
  return syntax.factory(qualified, isNew);
}

/** Client kind named by a type annotation, when the type is imported from a Redis library. */
export function clientKindOfType(
  scope: ScopedNames,
  family: LanguageSyntax['family'],
  typeText: string,
  context: ContextSnapshot,
): Omit<ClientRef, 'identity' | 'origin'> | undefined {
  for (const token of typeText.match(/[A-Za-z_][\w.]*/g) ?? []) {
    const segments = token.split('.');
    const kind = CLIENT_TYPE_NAMES[segments[segments.length - 1]];
    if (!kind) continue;
    const module = scope.bindingsFor(segments[0], context)?.find((b) => b.kind === 'import')?.module;
    if (!module || !isRedisModule(module)) continue;
    const library: ClientLibrary = family === 'python' ? 'redis-py' : module === 'ioredis' ? 'ioredis' : 'node-redis';
    return { kind, library, async: library !== 'redis-py' || /asyncio|aioredis/.test(`${module}.${token}`) };
  }
  return undefined;
}
