/**
 * Clients handed around by dependency injection (NestJS): a provider makes the client once
 * (`{ provide: 'REDIS_CLIENT', useFactory: () => new Redis(...) }`) and classes receive it through
 * `@Inject('REDIS_CLIENT')`. Every class injecting one token holds the same client, so the token names it across
 * files (as `<path>#<name>` names an exported one): a listener one class attaches is recorded in the index under it.
 */
import type { Node } from 'web-tree-sitter';

/** The identity of the client injected under a token, the same in every file that injects it. */
export function injectedClientIdentity(token: string): string {
  return `inject#${token}`;
}

/** A token as written: a string's contents, or the name of a constant (`REDIS_CLIENT`, `Tokens.redis`). */
function tokenText(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier' || node.type === 'member_expression') return node.text;
  if (node.type === 'string' || (node.type === 'template_string' && !node.text.includes('${'))) return node.text.slice(1, -1) || undefined;
  return undefined;
}

/** `@Inject(TOKEN)` on a constructor parameter or a class field: the token, else undefined. */
export function injectedToken(declaration: Node | undefined): string | undefined {
  if (!declaration || (declaration.type !== 'required_parameter' && declaration.type !== 'optional_parameter' && declaration.type !== 'public_field_definition')) return undefined;
  for (const child of declaration.namedChildren) {
    if (child?.type !== 'decorator') continue;
    const call = child.firstNamedChild;
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.text !== 'Inject') continue;
    return tokenText(call.childForFieldName('arguments')?.firstNamedChild);
  }
  return undefined;
}
