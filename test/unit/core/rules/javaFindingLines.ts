/**
 * Java rule tests review a small class around the shape under test and compare the lines one rule reports: this
 * builds that class and reviews it as the file its public class names, so each test file keeps only its shapes.
 */
import { beforeAll, expect } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

/** The class a test body is written into: its imports, its declaration line (without the brace) and its fields. */
export interface JavaClassShape {
  imports: string[];
  declaration: string;
  fields: string[];
}

/** The file of `package app;` with the shape's imports, declaration and fields, then the body and the closing brace. */
export function javaClassSource(shape: JavaClassShape, body: string): string {
  return ['package app;', '', ...shape.imports, '', `${shape.declaration} {`, ...shape.fields, '', body, '}', ''].join('\n');
}

/**
 * Call at the top of a test file: the returned function gives the 1-based lines `rule` reports in a Java file,
 * reviewed as src/main/java/app/<its public class>.java, after checking that no rule failed on it.
 */
export function javaFindingLines(): (rule: string, text: string) => number[] {
  let parsers: Parsers;
  beforeAll(async () => {
    parsers = await loadParsers();
  });
  return (rule, text) => {
    const className = /\bclass (\w+)/.exec(text)?.[1] ?? 'App';
    const result = reviewSource(parsers, text, { path: `src/main/java/app/${className}.java`, language: 'java' });
    expect(result.ruleErrors).toEqual([]);
    return result.findings.filter((f) => f.ruleId === rule).map((f) => text.slice(0, f.span.startOffset).split('\n').length);
  };
}
