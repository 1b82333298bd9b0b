/** sentinel-invalid-option: unknown `sentinel` sub-directives, wrong arity, or sentinel lines in a redis.conf. */
import { closestNames, sentinelSubcommand, sentinelSubcommands, serverLabel } from '../catalogue';
import type { ConfRule } from '../rule';

export const sentinelInvalidOption: ConfRule = {
  id: 'sentinel-invalid-option',
  code: 'RC124',
  severity: 'error',
  category: 'sentinel',
  summary: 'Unknown `sentinel` option, wrong number of arguments, a master used before `sentinel monitor`, or `sentinel` lines in a redis.conf.',
  rationale: 'redis-sentinel refuses to start on an unknown option or a setting for a master that was not declared with `sentinel monitor` first; redis-server refuses `sentinel` lines outside Sentinel mode.',
  bad: 'sentinel monitor mymaster 10.0.0.5 6379 2\nsentinel down-after-milisecond mymaster 10000',
  good: 'sentinel monitor mymaster 10.0.0.5 6379 2\nsentinel down-after-milliseconds mymaster 10000',
  check(context) {
    const reports = [];
    const masters = new Set<string>();
    for (const directive of context.all('sentinel')) {
      if (!context.sentinel) {
        reports.push({ message: 'sentinel lines are only valid in a sentinel.conf started with redis-sentinel; redis-server refuses them.', ...context.lineRange(directive) });
        continue;
      }
      const sub = directive.args[0]?.value.toLowerCase() ?? '';
      const info = sentinelSubcommand(sub);
      if (!info) {
        const [suggestion] = closestNames(sub, sentinelSubcommands(context.server).map((s) => s.name));
        reports.push({ message: `Unknown sentinel option "${sub}"${suggestion ? `; did you mean "${suggestion}"?` : '.'}`, ...context.argRange(directive, 0) });
        continue;
      }
      if (info.servers && !info.servers.includes(context.server)) {
        const target = serverLabel(context.server);
        const rename = info.aliasOf ? `; ${target} calls it "${info.aliasOf}"` : '';
        reports.push({
          message: `sentinel ${sub} is not accepted by the Sentinel of ${target} (known to ${info.servers.map(serverLabel).join(', ')})${rename}.`,
          ...context.argRange(directive, 0),
          fixes: info.aliasOf ? [{ description: `Rename to "${info.aliasOf}"`, safe: true, edits: [{ ...context.argRange(directive, 0), newText: info.aliasOf }] }] : undefined,
        });
        continue;
      }
      const count = directive.args.length - 1;
      if (count < info.args[0] || count > info.args[1]) {
        reports.push({ message: `sentinel ${sub} takes ${info.args[0] === info.args[1] ? info.args[0] : `${info.args[0]}-${info.args[1]}`} arguments, found ${count}.`, ...context.lineRange(directive) });
        continue;
      }
      if (sub === 'monitor') masters.add(directive.args[1].value);
      else if (info.perMaster && !masters.has(directive.args[1].value)) {
        reports.push({ message: `"${directive.args[1].value}" is not declared by an earlier "sentinel monitor" line; Sentinel refuses this.`, ...context.argRange(directive, 1) });
      }
    }
    return reports;
  },
};
