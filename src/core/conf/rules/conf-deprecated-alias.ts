/** conf-deprecated-alias: old names the target still accepts (slaveof, *-ziplist-*, masterauth on Valkey) with its canonical name as a fix. */
import { serverLabel } from '../catalogue';
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
      const canonical = context.info(directive.name)?.aliasOf;
      if (!canonical) return [];
      return [{
        message: `"${directive.name}" is an old name of "${canonical}" on ${serverLabel(context.server)}.`,
        startOffset: directive.nameStartOffset,
        endOffset: directive.nameEndOffset,
        fixes: [{ description: `Rename to "${canonical}"`, safe: true, edits: [{ startOffset: directive.nameStartOffset, endOffset: directive.nameEndOffset, newText: canonical }] }],
      }];
    });
  },
};
