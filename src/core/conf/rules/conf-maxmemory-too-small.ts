/** conf-maxmemory-too-small: a maxmemory of a few bytes or kilobytes is almost always a missing unit. */
import type { ConfRule } from '../rule';

export const confMaxmemoryTooSmall: ConfRule = {
  id: 'conf-maxmemory-too-small',
  code: 'RC021',
  severity: 'warning',
  category: 'memory',
  summary: '`maxmemory` below 1 MB: probably a missing unit.',
  rationale: 'maxmemory counts bytes: "maxmemory 4096" is 4 KB, so every write fails with OOM (or evicts everything) at once. Write the unit: 4096mb or 4gb.',
  bad: 'maxmemory 4096',
  good: 'maxmemory 4gb',
  sentinel: false,
  check(context) {
    const bytes = context.memory('maxmemory');
    const directive = context.last('maxmemory');
    if (!directive || bytes === undefined || bytes === 0 || bytes >= 1024 * 1024) return [];
    const raw = directive.args[0].value;
    return [{
      message: `maxmemory ${raw} is only ${bytes} bytes; did you mean ${raw}mb?`,
      ...context.argRange(directive, 0),
      fixes: /^\d+$/.test(raw) ? [context.setFix(`Change to ${raw}mb`, 'maxmemory', `${raw}mb`, false)] : undefined,
    }];
  },
};
