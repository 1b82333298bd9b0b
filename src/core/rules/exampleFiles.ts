/**
 * Builders for the Go and Java files of the docs examples: the package clause and imports every example repeats,
 * so each rule's metadata holds only the lines that show the rule.
 */

export const GO_REDIS = '"github.com/redis/go-redis/v9"';
export const RUEIDIS = '"github.com/redis/rueidis"';
export const REDIGO = '"github.com/gomodule/redigo/redis"';

/** Go source: package, import block, body. The body is written with 4-space indents, which become gofmt's tabs. */
export function goFile(pkg: string, imports: readonly string[], body: string): string {
  const block = imports.length === 1 ? `import ${imports[0]}\n` : `import (\n${imports.map((i) => (i ? `\t${i}` : '')).join('\n')}\n)\n`;
  const tabbed = body.replace(/^(?: {4})+/gm, (indent) => '\t'.repeat(indent.length / 4));
  return `package ${pkg}\n\n${block}\n${tabbed.replace(/^\n/, '')}`;
}

/** Java source in package `app`: imports, then the body (one class). */
export function javaFile(imports: readonly string[], body: string): string {
  return `package app;\n\n${imports.map((i) => `import ${i};\n`).join('')}\n${body.replace(/^\n/, '')}`;
}
