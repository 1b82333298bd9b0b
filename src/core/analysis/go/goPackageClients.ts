/**
 * Package-level Go variables holding a Redis client (`var Grds redis.UniversalClient` in defs.go, set up in an init
 * function): the other files of the package use the bare name, other packages `infra.Grds`, with nothing in those
 * files saying it is a client. Read from the text of the declaring file for the workspace index.
 */
import type { ClientLibrary, ReceiverKind } from '../model';
import { CONSTRUCTORS, defaultPackageName, kindOfType, libraryOfImport } from './goLibraries';

export interface GoPackageClient {
  name: string;
  library: ClientLibrary;
  kind: ReceiverKind;
}

const IMPORT_SPEC = /^\s*(?:import\s+)?(\w+\s+)?"([^"\n]+)"\s*$/gm;
/** A top-level `var Name Type`/`var Name = value`, or one line of a top-level `var ( … )` block (one tab or space level deep). */
const VAR_LINE = /^var\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(=|[^=\n(][^=\n]*?(?:=|$))(.*)$/gm;
const VAR_BLOCK = /^var\s*\(\n([\s\S]*?)^\)/gm;
const BLOCK_LINE = /^[ \t]+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)[ \t]+([^=\n]*?)[ \t]*(?:=[ \t]*(.*))?$/gm;

export function goPackageClientsIn(text: string): GoPackageClient[] {
  const packages = new Map<string, ClientLibrary>();
  for (const match of text.matchAll(IMPORT_SPEC)) {
    const library = libraryOfImport(match[2]);
    const alias = match[1]?.trim();
    if (library && alias !== '_' && alias !== '.') packages.set(alias || defaultPackageName(match[2]), library);
  }
  if (!packages.size) return [];
  const found: GoPackageClient[] = [];
  const add = (names: string, type: string, value: string | undefined) => {
    const client = clientOfType(packages, type) ?? (value ? clientOfValue(packages, value) : undefined);
    if (client) for (const name of names.split(',')) found.push({ name: name.trim(), ...client });
  };
  for (const match of text.matchAll(VAR_LINE)) {
    const typeAndEquals = match[2];
    const hasValue = typeAndEquals.endsWith('=');
    add(match[1], hasValue ? typeAndEquals.slice(0, -1) : typeAndEquals, hasValue ? match[3] : undefined);
  }
  for (const block of text.matchAll(VAR_BLOCK)) for (const line of block[1].matchAll(BLOCK_LINE)) add(line[1], line[2], line[3]);
  return found;
}

function clientOfType(packages: Map<string, ClientLibrary>, type: string): { library: ClientLibrary; kind: ReceiverKind } | undefined {
  const match = /^\s*\*?\s*(\w+)\.(\w+)\s*$/.exec(type);
  const library = match && packages.get(match[1]);
  const kind = library ? kindOfType(library, match[2]) : undefined;
  return library && kind ? { library, kind } : undefined;
}

/** `redis.NewClient(…)` and the other constructors, or a redigo `&redis.Pool{…}`. */
function clientOfValue(packages: Map<string, ClientLibrary>, value: string): { library: ClientLibrary; kind: ReceiverKind } | undefined {
  const match = /^\s*(&?)\s*(\w+)\.(\w+)\s*([({])/.exec(value);
  const library = match && packages.get(match[2]);
  if (!library) return undefined;
  if (match[4] === '{') return library === 'redigo' && match[3] === 'Pool' ? { library, kind: 'pool' } : undefined;
  return CONSTRUCTORS[`${library}.${match[3]}`];
}
