/** The facts a Java declaration or creation contributes by itself: annotation names, `new T(...)` creations, annotations. */
import type { Node } from 'web-tree-sitter';
import { spanOf } from '../spans';
import type { JavaAnnotation, JavaCreation } from './javaFacts';
import { simpleType } from './javaReceivers';

/** Simple names of the annotations among a declaration's modifiers (`@Bean`, `@GetMapping("/x")` → Bean, GetMapping). */
export function annotationNamesOf(node: Node): string[] {
  const modifiers = node.namedChildren.find((child) => child?.type === 'modifiers');
  if (!modifiers) return [];
  return modifiers.namedChildren.filter((c): c is Node => c !== null && (c.type === 'annotation' || c.type === 'marker_annotation')).map((c) => simpleType(c.childForFieldName('name')?.text ?? ''));
}

/** `new T(...)`, with whether its method returns it (a factory) or a field initialiser holds it. */
export function creationOf(node: Node, method: number | undefined): JavaCreation | undefined {
  const typeNode = node.childForFieldName('type');
  if (!typeNode) return undefined;
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null).map((c) => c.text);
  let returned = false;
  let fieldInit = false;
  for (let up = node.parent; up; up = up.parent) {
    if (up.type === 'return_statement') returned = true;
    if (up.type === 'field_declaration') fieldInit = true;
    if (up.type === 'method_declaration' || up.type === 'constructor_declaration' || up.type === 'class_body') break;
  }
  return { type: simpleType(typeNode.text), args, span: spanOf(typeNode), callSpan: spanOf(node), method, returned, fieldInit };
}

/**
 * An annotation, attributed to `method`: the method being walked. A method's own annotations sit in its modifiers,
 * which are walked after the method is entered, so the enclosing method is already the one they annotate.
 */
export function annotationOf(node: Node, method: number | undefined): JavaAnnotation {
  const nameNode = node.childForFieldName('name');
  const args = node.childForFieldName('arguments');
  return {
    name: simpleType(nameNode?.text ?? ''),
    args: args ? args.text.replace(/^\(|\)$/g, '') : '',
    span: spanOf(nameNode ?? node),
    fullSpan: spanOf(node),
    method,
  };
}
