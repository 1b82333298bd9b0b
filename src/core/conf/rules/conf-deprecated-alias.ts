/** conf-deprecated-alias: old names (slaveof, *-ziplist-*, lua-time-limit) with the canonical name as a fix. */
import { directiveInfo } from '../catalogue';
import type { ConfRule } from '../rule';

export const confDeprecatedAlias: ConfRule = {
  id: 'conf-deprecated-alias',
  code: 'RC006',
  severity: 'info',
  category: 'version',
  summary: 'Old alias of a directive.',
  rationale: 'Still accepted, but the canonical name is what CONFIG REWRITE writes, what documentation uses, and what future versions keep.',
  bad: 'slave-read-only yes',
  good: 'replica-read-only yes',
  check(context) {
    return context.directives.flatMap((directive) => {
      const canonical = directiveInfo(directive.name)?.aliasOf;
      if (!canonical) return [];
      return [{
        message: `"${directive.name}" is an old name of "${canonical}".`,
        startOffset: directive.nameStartOffset,
        endOffset: directive.nameEndOffset,
        fixes: [{ description: `Rename to "${canonical}"`, safe: true, edits: [{ startOffset: directive.nameStartOffset, endOffset: directive.nameEndOffset, newText: canonical }] }],
      }];
    });
  },
};
