/** conf-unsupported-version: a directive or enum value newer than the target Redis version. */
import { directiveInfo, supportedIn } from '../catalogue';
import type { ConfRule } from '../rule';

export const confUnsupportedVersion: ConfRule = {
  id: 'conf-unsupported-version',
  code: 'RC005',
  severity: 'error',
  category: 'version',
  summary: 'Directive or value introduced after the target Redis version.',
  rationale: 'Redis 7.0 refuses directives added in 7.2/7.4/8.x (set-max-listpack-entries, hide-user-data-from-log, allkeys-lrm ...) and does not start. Set redisReview.conf.targetVersion when you deploy a newer server.',
  bad: 'set-max-listpack-entries 128',
  good: 'set-max-intset-entries 512',
  check(context) {
    return context.directives.flatMap((directive) => {
      const info = directiveInfo(directive.name);
      if (!info) return [];
      if (!supportedIn(info, context.targetVersion)) {
        return [{
          message: `"${directive.name}" needs Redis ${info.since} or later; Redis ${context.targetVersion} refuses to start with it.`,
          startOffset: directive.nameStartOffset,
          endOffset: directive.nameEndOffset,
          fixes: [{ description: `Remove "${directive.name}"`, safe: false, edits: [{ startOffset: directive.lineStartOffset, endOffset: Math.min(directive.lineEndOffset + 1, context.text.length), newText: '' }] }],
        }];
      }
      const since = info.laterValues?.[directive.args[0]?.value.toLowerCase() ?? ''];
      if (since && !supportedIn({ ...info, since }, context.targetVersion)) {
        return [{ message: `"${directive.args[0].value}" needs Redis ${since} or later; Redis ${context.targetVersion} rejects it.`, ...context.argRange(directive, 0) }];
      }
      return [];
    });
  },
};
