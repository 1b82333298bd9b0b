/** conf-unknown-directive: a directive no Redis version knows (typos), with "did you mean". */
import { allDirectives, closestNames, directiveInfo } from '../catalogue';
import type { ConfRule } from '../rule';

export const confUnknownDirective: ConfRule = {
  id: 'conf-unknown-directive',
  code: 'RC002',
  severity: 'error',
  category: 'syntax',
  summary: 'Directive unknown to Redis.',
  rationale: 'Redis refuses to start: "Bad directive or wrong number of arguments". Usually a typo or a setting of another product.',
  bad: 'maxmemory-polcy allkeys-lru',
  good: 'maxmemory-policy allkeys-lru',
  check(context) {
    const names = allDirectives().map((info) => info.name);
    // A huge file repeats the same typo many times: compute each suggestion once.
    const suggestions = new Map<string, string | undefined>();
    const suggest = (name: string) => {
      if (!suggestions.has(name)) suggestions.set(name, closestNames(name, names)[0]);
      return suggestions.get(name);
    };
    return context.directives
      .filter((directive) => !directiveInfo(directive.name))
      .map((directive) => {
        const suggestion = suggest(directive.name);
        return {
          message: `Unknown directive "${directive.rawName}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} Redis will refuse to start.`,
          startOffset: directive.nameStartOffset,
          endOffset: directive.nameEndOffset,
          fixes: suggestion
            ? [{ description: `Change to "${suggestion}"`, safe: false, edits: [{ startOffset: directive.nameStartOffset, endOffset: directive.nameEndOffset, newText: suggestion }] }]
            : undefined,
        };
      });
  },
};
