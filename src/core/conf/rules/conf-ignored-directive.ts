/** conf-ignored-directive: directives the target server accepts but ignores (list-max-ziplist-entries, lua-replicate-commands). */
import { serverLabel } from '../catalogue';
import type { ConfRule } from '../rule';

export const confIgnoredDirective: ConfRule = {
  id: 'conf-ignored-directive',
  code: 'RC007',
  severity: 'warning',
  category: 'version',
  summary: 'Directive accepted for old files but without any effect.',
  rationale: 'The line suggests a tuning that does not happen: lists are quicklists tuned by list-max-listpack-size, scripts always replicate by effects.',
  bad: 'list-max-ziplist-entries 512',
  good: 'list-max-listpack-size -2',
  check(context) {
    return context.directives
      .filter((directive) => context.info(directive.name)?.ignored)
      .map((directive) => ({
        message: `"${directive.name}" is ignored by ${serverLabel(context.server)}: ${context.info(directive.name)?.description}`,
        ...context.lineRange(directive),
        fixes: [{ description: `Remove "${directive.name}"`, safe: true, edits: [{ startOffset: directive.lineStartOffset, endOffset: Math.min(directive.lineEndOffset + 1, context.text.length), newText: '' }] }],
      }));
  },
};
