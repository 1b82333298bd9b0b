/**
 * conf-unsupported-version: a directive other servers know but the target does not (added later, removed, or
 * another product's name for the option), or an enum value only newer releases accept.
 */
import { nameOnServer, serverLabel, serversKnowing } from '../catalogue';
import type { ConfRule } from '../rule';

export const confUnsupportedVersion: ConfRule = {
  id: 'conf-unsupported-version',
  code: 'RC005',
  severity: 'error',
  category: 'version',
  summary: 'Directive or value the target server does not accept, though another Redis or Valkey version does.',
  rationale:
    'Each server refuses directives it does not know and does not start: Redis 7.0 refuses set-max-listpack-entries (7.2+), Redis refuses Valkey-only options (cluster-slot-stats-enabled, primaryauth). Declare the server the file is for ("server" in .redis-review.json, --server on the command line); a valkey.conf is linted for Valkey by default.',
  bad: 'set-max-listpack-entries 128',
  good: 'set-max-intset-entries 512',
  check(context) {
    const target = serverLabel(context.server);
    return context.directives.flatMap((directive) => {
      const info = context.info(directive.name);
      if (!info) {
        const knowing = serversKnowing(directive.name);
        if (knowing.length === 0) return [];
        const renamed = nameOnServer(directive.name, context.server);
        const where = `known to ${knowing.map(serverLabel).join(', ')}`;
        return [{
          message: renamed
            ? `"${directive.name}" is not accepted by ${target} (${where}): ${target} calls it "${renamed}".`
            : `"${directive.name}" is not accepted by ${target} (${where}); ${target} refuses to start with it.`,
          startOffset: directive.nameStartOffset,
          endOffset: directive.nameEndOffset,
          fixes: renamed
            ? [{ description: `Rename to "${renamed}"`, safe: true, edits: [{ startOffset: directive.nameStartOffset, endOffset: directive.nameEndOffset, newText: renamed }] }]
            : [{ description: `Remove "${directive.name}"`, safe: false, edits: [{ startOffset: directive.lineStartOffset, endOffset: Math.min(directive.lineEndOffset + 1, context.text.length), newText: '' }] }],
        }];
      }
      const since = info.laterValues?.[directive.args[0]?.value.toLowerCase() ?? ''];
      if (since) {
        return [{ message: `"${directive.args[0].value}" needs Redis ${since} or later; ${target} rejects it.`, ...context.argRange(directive, 0) }];
      }
      return [];
    });
  },
};
