/**
 * Clients a file reaches through its imports: what another project file exports under the imported name, as the
 * workspace index records it. A Redis library's own module is never a client value in itself.
 */
import type { Node } from 'web-tree-sitter';
import { MODULE_SCOPE, type BoundName, type Collected } from './collect';
import { isRedisModule } from './clientFactories';
import type { ClientRef, Value } from './clientValues';
import type { LanguageSyntax } from './syntax';
import type { ExportedClient, WorkspaceLookup } from './workspaceLookup';

/** The importing file: where it is, its language, and the project it reads exports from. */
export interface ImportingFile {
  readonly syntax: LanguageSyntax;
  readonly path: string;
  readonly workspace?: WorkspaceLookup;
}

/**
 * True when an import of the module scope reads a client another project file exports. Every import is asked: a
 * recorded lookup (recordedLookup.ts) notes each question as one the file's analysis depends on.
 */
export function importsProjectClient(file: ImportingFile, collected: Collected): boolean {
  let found = false;
  for (const list of collected.bindings.get(MODULE_SCOPE)?.values() ?? []) {
    for (const binding of list) {
      if (binding.kind === 'import' && binding.module && file.workspace!.exportedClient(file.path, file.syntax.family, binding.module, exportNameOf(file, binding))) found = true;
    }
  }
  return found;
}

/** The export an import binding reads; a script namespace (`require('./conn')`) is the module's default export as a whole. */
export function exportNameOf(file: ImportingFile, binding: BoundName): string {
  const imported = binding.imported ?? 'default';
  return imported === '*' && file.syntax.family === 'script' ? 'default' : imported;
}

export function importValue(file: ImportingFile, binding: BoundName): Value {
  const module = binding.module!;
  const imported = binding.imported ?? 'default';
  if (isRedisModule(module)) return undefined;
  if (file.syntax.family === 'python') {
    if (imported === '*') return { module };
    const fromModule = fromWorkspace(file, module, imported);
    if (fromModule) return fromModule;
    return { module: module.endsWith('.') ? module + imported : `${module}.${imported}` };
  }
  // A namespace: `require('./conn')` is module.exports itself, the client when the module exports one as a whole.
  if (imported === '*') return { module, whole: fromWorkspace(file, module, 'default') };
  return fromWorkspace(file, module, imported);
}

export function fromWorkspace(file: ImportingFile, module: string, name: string): ClientRef | undefined {
  const exported = file.workspace?.exportedClient(file.path, file.syntax.family, module, name);
  if (!exported || exported.returnsClient) return undefined;
  return { kind: exported.kind, library: exported.library, async: exported.async, identity: exported.identity, origin: 'imported', ...(exported.ownMethods ? { ownMethods: exported.ownMethods } : {}) };
}

export function returnedByImport(file: ImportingFile, module: string, name: string, node: Node): ClientRef | undefined {
  const exported = file.workspace?.exportedClient(file.path, file.syntax.family, module, name);
  if (!exported?.returnsClient) return undefined;
  return { kind: exported.kind, library: exported.library, async: exported.async, identity: perCall(exported, node), origin: 'imported' };
}

/**
 * Each call of a factory that makes a new client per call is a client of its own (`pub = make(); sub = make()` are
 * two connections); the index counts a listener on any of them as one on the factory's result (see errorListeners).
 */
function perCall(exported: ExportedClient, call: Node): string {
  return exported.fresh ? `${exported.identity}@${call.startIndex}` : exported.identity;
}
