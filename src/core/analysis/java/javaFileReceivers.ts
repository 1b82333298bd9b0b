/** What the names of a Java file are while its methods are walked: client-typed fields, the file's own getters, and typed locals and parameters. */
import type { Node } from 'web-tree-sitter';
import type { FunctionInfo } from '../model';
import { withoutComments } from './javaExpressions';
import type { JavaFacts } from './javaFacts';
import { receiverForGetter, receiverForName, receiverForStaticClass, receiverForType, receiverFromCall, simpleType, type JavaReceiver } from './javaReceivers';

export interface Scope {
  vars: Map<string, JavaReceiver | null>;
  /** Declared type text of local variables and parameters. */
  types: Map<string, string>;
  method?: number;
  functionInfo?: FunctionInfo;
  loop?: Node;
  itemLoop?: Node;
  batched: boolean;
  blockStart: number;
}

export class JavaFileReceivers {
  readonly facts: JavaFacts;
  private readonly fieldReceivers = new Map<string, JavaReceiver | null>();
  /**
   * The file's own no-argument methods that return a Redis type (`private JedisPool getJedisPool()`, a pool made
   * lazily on first use): `getJedisPool().getResource()` borrows from that pool. Overloads and methods of the same
   * name in two classes of the file are left out (null): which one a call reaches is not read here.
   */
  private readonly ownGetters = new Map<string, JavaReceiver | null>();

  constructor(protected readonly text: string) {
    let codeText: string | undefined;
    this.facts = {
      methods: [],
      invocations: [],
      creations: [],
      annotations: [],
      acquisitions: [],
      fieldTypes: new Map(),
      imports: [],
      // Blanked on first read: most re-analyses of an edit never read it (the checks that do look for text that is rare).
      get codeText(): string {
        return (codeText ??= withoutComments(text));
      },
    };
  }

  /**
   * What every method is read against besides its own code: the client-typed fields, the other fields whose
   * names alone would make them clients (a field hides that), and the imports.
   */
  environment(): string {
    const fields = [...this.fieldReceivers].filter(([name, receiver]) => receiver !== null || (/^[A-Z]/.test(name) ? receiverForStaticClass(name) : receiverForName(name)) !== undefined);
    const getters = [...this.ownGetters].filter(([, receiver]) => receiver !== null);
    return JSON.stringify(getters.length ? [fields, this.facts.imports, getters] : [fields, this.facts.imports]);
  }

  /** Fields of every class of the file, first, so methods may use fields declared below them. */
  protected collectFields(root: Node): void {
    const stack: Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'import_declaration') this.facts.imports.push(node.text.replace(/^import\s+(static\s+)?|;$/g, '').trim());
      if (node.type === 'field_declaration') {
        const typeNode = node.childForFieldName('type');
        if (!typeNode) continue;
        for (const declarator of node.namedChildren) {
          if (declarator?.type !== 'variable_declarator') continue;
          const name = declarator.childForFieldName('name')?.text;
          if (!name) continue;
          this.facts.fieldTypes.set(name, simpleType(typeNode.text));
          this.fieldReceivers.set(name, receiverForType(typeNode.text) ?? null);
        }
        continue;
      }
      if (node.type === 'method_declaration') this.noteGetter(node);
      if (node.type === 'method_declaration' || node.type === 'constructor_declaration') continue;
      for (const child of node.namedChildren) if (child) stack.push(child);
    }
  }

  private noteGetter(node: Node): void {
    const name = node.childForFieldName('name')?.text;
    const type = node.childForFieldName('type')?.text;
    if (!name || !type) return;
    const parameters = node.childForFieldName('parameters')?.namedChildren.filter((c) => c !== null && c.type !== 'comment').length ?? 0;
    const receiver = parameters === 0 ? receiverForType(type) : undefined;
    // A wrapper class's getter is already read from its name where it is called; only typed clients and pools here.
    const known = receiver && receiver.api !== 'wrapper' ? receiver : null;
    this.ownGetters.set(name, this.ownGetters.has(name) ? null : known);
  }

  protected declare(scope: Scope, name: string, typeText: string, value?: Node | null): void {
    const simple = simpleType(typeText);
    scope.types.set(name, simple);
    let receiver = simple === 'var' ? undefined : receiverForType(typeText);
    if (!receiver && value) receiver = this.resolve(value, scope);
    scope.vars.set(name, receiver ?? null);
  }

  protected declareLocals(node: Node, scope: Scope): void {
    const typeNode = node.childForFieldName('type');
    if (!typeNode) return;
    for (const declarator of node.namedChildren) {
      if (declarator?.type !== 'variable_declarator') continue;
      const name = declarator.childForFieldName('name');
      if (name) this.declare(scope, name.text, typeNode.text, declarator.childForFieldName('value'));
    }
  }

  /** The receiver an expression denotes, if it is Redis. */
  resolve(node: Node, scope: Scope): JavaReceiver | undefined {
    switch (node.type) {
      case 'parenthesized_expression':
      case 'cast_expression': {
        const inner = node.childForFieldName('value') ?? node.namedChildren[node.namedChildren.length - 1];
        return inner ? this.resolve(inner, scope) : undefined;
      }
      case 'identifier': {
        const name = node.text;
        if (scope.vars.has(name)) return scope.vars.get(name) ?? undefined;
        if (this.fieldReceivers.has(name)) return this.fieldReceivers.get(name) ?? undefined;
        if (/^[A-Z]/.test(name)) return receiverForStaticClass(name);
        return receiverForName(name);
      }
      case 'field_access': {
        const object = node.childForFieldName('object');
        const field = node.childForFieldName('field')?.text;
        if (object?.type === 'this' && field) return this.fieldReceivers.get(field) ?? receiverForName(field);
        return undefined;
      }
      case 'method_invocation': {
        const object = node.childForFieldName('object');
        const name = node.childForFieldName('name')?.text;
        if (!name) return undefined;
        // `Objects.requireNonNull(template.getConnectionFactory())` is the factory itself.
        if (name === 'requireNonNull' && object?.text === 'Objects') {
          const first = node.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment');
          return first ? this.resolve(first, scope) : undefined;
        }
        const receiver = object ? this.resolve(object, scope) : undefined;
        const handed = receiver ? receiverFromCall(receiver, name) : undefined;
        if (!handed && (!object || object.type === 'this') && node.childForFieldName('arguments')?.namedChildCount === 0) {
          const own = this.ownGetters.get(name);
          if (own) return own;
        }
        // A project object that hands out its template (`engine.redisTemplate().opsForStream()`): the getter's name says what it returns.
        if (!handed && node.childForFieldName('arguments')?.namedChildCount === 0) return receiverForGetter(name);
        return handed;
      }
      default:
        return undefined;
    }
  }
}
