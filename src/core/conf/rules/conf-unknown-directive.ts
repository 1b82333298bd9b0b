/** conf-unknown-directive: a directive no tested server knows (typos), with "did you mean" from the target's names. */
import { allDirectives, anyDirectiveInfo, closestNames } from '../catalogue';
import type { ConfRule } from '../rule';

export const confUnknownDirective: ConfRule = {
  id: 'conf-unknown-directive',
  code: 'RC002',
  severity: 'error',
  category: 'syntax',
  summary: 'Directive unknown to every Redis and Valkey version.',
  rationale: 'The server refuses to start: "Bad directive or wrong number of arguments". Usually a typo or a setting of another product.',
  bad: 'maxmemory-polcy allkeys-lru',
  good: 'maxmemory-policy allkeys-lru',
  check(context) {
    const names = allDirectives(context.server).filter((info) => !info.ignored).map((info) => info.name);
    // A huge file repeats the same typo many times: compute each suggestion once.
    const suggestions = new Map<string, string | undefined>();
    const suggest = (name: string) => {
      if (!suggestions.has(name)) suggestions.set(name, closestNames(name, names)[0]);
      return suggestions.get(name);
    };
    return context.directives
      .filter((directive) => !anyDirectiveInfo(directive.name))
      .map((directive) => {
        const suggestion = suggest(directive.name);
        return {
          message: `Unknown directive "${directive.rawName}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} The server will refuse to start.`,
          startOffset: directive.nameStartOffset,
          endOffset: directive.nameEndOffset,
          fixes: suggestion
            ? [{ description: `Change to "${suggestion}"`, safe: false, edits: [{ startOffset: directive.nameStartOffset, endOffset: directive.nameEndOffset, newText: suggestion }] }]
            : undefined,
        };
      });
  },
};
