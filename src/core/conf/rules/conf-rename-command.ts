/** conf-rename-command: rename-command is deprecated; ACLs restrict commands without breaking replication. */
import type { ConfRule } from '../rule';

export const confRenameCommand: ConfRule = {
  id: 'conf-rename-command',
  code: 'RC010',
  severity: 'warning',
  category: 'security',
  summary: '`rename-command` used to hide commands.',
  rationale: 'Deprecated since 7.0: renamed commands break tools, and renaming commands that reach the AOF or replicas can break replication. An ACL user with -@dangerous does the same safely.',
  bad: 'rename-command FLUSHALL ""',
  good: 'user app on #9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ~app:* +@all -@dangerous',
  check: (context) =>
    context.all('rename-command').map((directive) => ({
      message: `rename-command ${directive.args[0]?.value ?? ''} is deprecated; restrict the command with ACL rules (e.g. -${(directive.args[0]?.value ?? '').toLowerCase()}) instead.`,
      ...context.lineRange(directive),
    })),
};
