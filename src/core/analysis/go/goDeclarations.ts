/** What a Go file declares at package level that client tracking needs: imports, client-typed struct fields, package variables, client factories. */
import type { Node } from 'web-tree-sitter';
import type { ClientLibrary, ReceiverKind } from '../model';
import { CONSTRUCTORS, defaultPackageName, kindOfType, libraryOfImport } from './goLibraries';
import type { GoRef } from './goScan';
import { NotedMap, type GoNote } from './goChanges';
import type { WorkspaceLookup } from '../workspaceLookup';

/** A constructor call (`redis.NewClient(...)`, `&redis.Pool{...}`, a file's own client factory). */
export interface GoConstructorCall {
  library: ClientLibrary;
  kind: ReceiverKind;
  factory: string;
  call: Node;
  nameNode: Node;
}

export class GoDeclarations {
  /** Import alias → library (only Redis libraries), and all import aliases (packages are never receivers). */
  readonly packages = new Map<string, ClientLibrary>();
  readonly importAliases = new Set<string>();
  readonly importedModules = new Set<string>();
  /** Import alias → import path, for package variables of other project packages (`infra.Grds`). */
  readonly importPaths = new Map<string, string>();
  /** Aliases of the project's own Redis package (`.../database/redis`): a wrapper whose client interface mirrors go-redis. */
  readonly projectRedisPackages = new Set<string>();
  /** Where writes to the maps below are noted while set (see goChanges.ts); undefined: not noted. */
  notes: GoNote[] | undefined;
  /** Struct field name → client ref (fields typed with a client type anywhere in the file). */
  readonly fields = new NotedMap<GoRef>('fields', this);
  readonly packageVars = new NotedMap<GoRef>('packageVars', this);
  /** Functions of the file that return a client type: calls of them create clients. */
  readonly factories = new NotedMap<{ library: ClientLibrary; kind: ReceiverKind }>('factories', this);
  /** Methods of the file that return a client type (`func (r *Redis) Client() redis.UniversalClient`): calls of them hand out a client, they create none. */
  readonly accessors = new NotedMap<{ library: ClientLibrary; kind: ReceiverKind }>('accessors', this);
  /** Interfaces of the file that describe a go-redis client: their methods return go-redis commands, or they embed a client interface. */
  readonly clientInterfaces = new Map<string, { library: ClientLibrary; kind: ReceiverKind }>();
  packageName = '';

  constructor(
    private readonly path: string,
    private readonly workspace?: Pick<WorkspaceLookup, 'goPackageClient'>,
  ) {}

  /**
   * The client a package-level variable of another file holds: `name` of this package (importAlias undefined) or
   * `importAlias.name` of an imported project package.
   */
  packageClient(importAlias: string | undefined, name: string): GoRef | undefined {
    const importPath = importAlias === undefined ? undefined : this.importPaths.get(importAlias);
    if (!this.workspace?.goPackageClient || (importAlias !== undefined && importPath === undefined)) return undefined;
    const found = this.workspace.goPackageClient(this.path, importPath, name);
    return found && { library: found.library, kind: found.kind, confidence: 'proven', identity: found.identity, origin: 'parameter' };
  }


  read(root: Node): void {
    this.readFileLevel(root);
    for (const child of root.namedChildren) if (child) this.readDeclaration(child);
  }

  /** The package clause and the imports: what every declaration of the file is read against. */
  readFileLevel(root: Node): void {
    for (const child of root.namedChildren) {
      if (!child) continue;
      if (child.type === 'package_clause') this.packageName = child.namedChild(0)?.text ?? '';
      else if (child.type === 'import_declaration') {
        for (const spec of child.descendantsOfType('import_spec')) if (spec) this.importSpec(spec);
      } else if (child.type === 'type_declaration') this.clientInterface(child);
    }
  }

  /**
   * `type RedisClientInterface interface { Get(ctx, key string) *redis.StringCmd; ... }`: a project interface over
   * go-redis (for tests and for taking a Client or a ClusterClient alike). A field or parameter of that type holds a
   * go-redis client, which may be a Cluster client.
   */
  private clientInterface(declaration: Node): void {
    const aliases = [...this.packages].filter(([, library]) => library === 'go-redis').map(([alias]) => alias);
    if (!aliases.length) return;
    const alias = `(?:${aliases.join('|')})`;
    const command = new RegExp(`\\*\\s*${alias}\\.\\w*Cmd\\b|^\\s*${alias}\\.(?:Cmdable|UniversalClient|Scripter|StatefulCmdable)\\s*$`, 'm');
    for (const spec of declaration.descendantsOfType('type_spec')) {
      const type = spec?.childForFieldName('type');
      const name = spec?.childForFieldName('name')?.text;
      if (type?.type === 'interface_type' && name && command.test(type.text)) this.clientInterfaces.set(name, { library: 'go-redis', kind: 'client' });
    }
  }

  /**
   * One top-level declaration: its client-typed struct fields, package variables and client factories. Fields,
   * variables and factories are separate maps, so reading declaration by declaration in file order gives what
   * reading each kind over the whole file would (a variable sees the factories declared above it either way).
   */
  readDeclaration(child: Node): void {
    for (const spec of child.descendantsOfType('field_declaration')) {
      if (!spec) continue;
      const type = spec.childForFieldName('type');
      const typed = type && this.clientType(type);
      if (!typed) continue;
      // By name, and by `Struct.name` for receivers whose struct is known (two structs may both have a `client`).
      const struct = structNameOf(spec);
      const { confidence = 'proven', evidence, ...ref } = typed;
      // An embedded field (`struct { redis.Client }`) is named after its type: `r.Client.ZScore(…)`.
      const names = spec.childrenForFieldName('name').flatMap((name) => (name ? [name.text] : []));
      if (!names.length && confidence === 'likely') names.push(embeddedName(type));
      for (const name of names) {
        this.fields.set(name, { ...ref, confidence, evidence, identity: `field:${name}`, origin: 'parameter' });
        if (struct) this.fields.set(`${struct}.${name}`, { ...ref, confidence, evidence, identity: `field:${struct}.${name}`, origin: 'parameter' });
      }
    }
    if (child.type === 'var_declaration') for (const spec of child.descendantsOfType('var_spec')) if (spec) this.packageVar(spec);
    if (child.type === 'function_declaration' || child.type === 'method_declaration') {
      const result = child.childForFieldName('result');
      const name = child.childForFieldName('name')?.text;
      const typed = result && name ? this.clientType(result.type === 'parameter_list' ? result.namedChild(0)?.childForFieldName('type') ?? result : result) : undefined;
      if (name && typed) (child.type === 'function_declaration' ? this.factories : this.accessors).set(name, typed);
    }
  }

  private importSpec(spec: Node): void {
    const pathNode = spec.childForFieldName('path');
    if (!pathNode) return;
    const path = pathNode.text.slice(1, -1);
    const alias = spec.childForFieldName('name')?.text;
    const name = alias && alias !== '_' && alias !== '.' ? alias : defaultPackageName(path);
    this.importAliases.add(name);
    this.importPaths.set(name, path);
    const library = libraryOfImport(path);
    if (library) {
      this.importedModules.add(path);
      this.packages.set(name, library);
    } else if (projectRedisPackage(path)) {
      this.projectRedisPackages.add(name);
    }
  }

  private packageVar(spec: Node): void {
    const names = spec.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const type = spec.childForFieldName('type');
    const values = spec.childForFieldName('value')?.namedChildren ?? [];
    names.forEach((name, index) => {
      const typed = type ? this.clientType(type) : undefined;
      const value = values[index];
      const created = value ? this.constructorOf(value) : undefined;
      const ref = typed ?? (created ? { library: created.library, kind: created.kind } : undefined);
      if (ref) this.packageVars.set(name.text, { ...ref, confidence: 'proven', identity: `${this.path}#${name.text}`, origin: 'local' });
    });
  }

  /**
   * The client a type names: `*redis.Client`, `redis.Cmdable`, `rueidis.Client`, `*redis.Pool`, `redis.Conn`; and,
   * likely, the client interface of the project's own Redis package (`redis.Client` from `.../database/redis`).
   */
  clientType(type: Node): { library: ClientLibrary; kind: ReceiverKind; confidence?: 'likely'; evidence?: string } | undefined {
    let node: Node | null = type;
    while (node && node.type === 'pointer_type') node = node.namedChild(0);
    if (node?.type === 'type_identifier') return this.clientInterfaces.get(node.text);
    if (!node || node.type !== 'qualified_type') return undefined;
    const alias = node.childForFieldName('package')?.text ?? '';
    const library = this.packages.get(alias);
    const name = node.childForFieldName('name')?.text;
    if (!library && name && this.projectRedisPackages.has(alias) && PROJECT_CLIENT_TYPES.test(name)) {
      return { library: 'go-redis', kind: 'client', confidence: 'likely', evidence: `its type ${node.text} is the client of the project's Redis package ${this.importPaths.get(alias)}` };
    }
    if (!library || !name) return undefined;
    const kind = kindOfType(library, name);
    return kind ? { library, kind } : undefined;
  }

  /** `redis.NewClient(...)` and friends (also `&redis.Pool{...}` for redigo): library, kind and factory text. */
  constructorOf(node: Node): GoConstructorCall | undefined {
    if (node.type === 'unary_expression' && node.text.startsWith('&')) {
      const operand = node.childForFieldName('operand');
      return operand ? this.constructorOf(operand) : undefined;
    }
    if (node.type === 'composite_literal') {
      const type = node.childForFieldName('type');
      if (type?.type === 'qualified_type' && this.packages.get(type.childForFieldName('package')?.text ?? '') === 'redigo' && type.childForFieldName('name')?.text === 'Pool') {
        return { library: 'redigo', kind: 'pool', factory: type.text, call: node, nameNode: type };
      }
      return undefined;
    }
    if (node.type !== 'call_expression') return undefined;
    const callee = node.childForFieldName('function');
    if (callee?.type === 'identifier') {
      const factory = this.factories.get(callee.text);
      return factory ? { ...factory, factory: callee.text, call: node, nameNode: callee } : undefined;
    }
    if (callee?.type !== 'selector_expression') return undefined;
    const operand = callee.childForFieldName('operand');
    const field = callee.childForFieldName('field');
    if (!operand || !field) return undefined;
    const library = operand.type === 'identifier' ? this.packages.get(operand.text) : undefined;
    if (!library) return undefined;
    const known = CONSTRUCTORS[`${library}.${field.text}`];
    return known ? { ...known, factory: callee.text, call: node, nameNode: field } : undefined;
  }
}

/** The client interfaces a project's Redis package declares over go-redis (`type Client interface { ZScore(ctx, key, member string) … }`). */
const PROJECT_CLIENT_TYPES = /^(Client|UniversalClient|ClusterClient|Cmdable|RedisClient)$/;

/**
 * Third-party packages named redis with an API of their own (no context argument, other method names): go-zero's
 * stores, hoisie's and radix's clients, beego's cache adapters, the storage drivers of web frameworks.
 */
const OTHER_REDIS_APIS = /zeromicro|tal-tech|hoisie|radix|beego|astaxie|gofiber|go-kit|gookit|gogf|kataras|revel|micro\/go-micro|xuyu|keimoon|alphazero/;

/**
 * A package of the project itself named redis: a directory below a repository (`github.com/acme/board/internal/redis`,
 * not the repository `github.com/hoisie/redis`) or of a module with no host (`backend/pkg/redis`), and no
 * third-party client.
 */
function projectRedisPackage(path: string): boolean {
  if (!/(^|\/)redis$/.test(path) || OTHER_REDIS_APIS.test(path)) return false;
  const parts = path.split('/');
  return parts[0].includes('.') ? parts.length >= 4 : parts.length >= 2;
}

/** The name an embedded field is reached by: its type's name (`*redis.Client` → Client). */
function embeddedName(type: Node): string {
  let node: Node | null = type;
  while (node && node.type === 'pointer_type') node = node.namedChild(0);
  return (node?.type === 'qualified_type' ? node.childForFieldName('name')?.text : node?.text) ?? type.text;
}

/** The struct type a field declaration belongs to (`type Store struct { client … }` → Store). */
function structNameOf(field: Node): string | undefined {
  const spec = field.parent?.parent?.parent;
  return spec?.type === 'type_spec' ? spec.childForFieldName('name')?.text : undefined;
}
