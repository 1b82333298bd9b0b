/** sentinel-quorum: quorum that cannot be reached, or a quorum of 1 that lets one sentinel decide. */
import type { ConfRule } from '../rule';
import { countOf } from '../../text/plural';

export const sentinelQuorum: ConfRule = {
  id: 'sentinel-quorum',
  code: 'RC120',
  severity: 'error',
  category: 'sentinel',
  summary: 'Sentinel quorum of 1, or larger than the number of sentinels.',
  rationale: 'A failover needs the quorum to agree the master is down and a majority of sentinels to authorize it. Quorum 1 lets one partitioned sentinel start failovers; a quorum above the number of sentinels never fails over. Run at least 3 sentinels on independent hosts with quorum 2. The sentinel count comes from the header (`sentinels=3`).',
  bad: '# redis-review: sentinels=3\nsentinel monitor mymaster 10.0.0.5 6379 1',
  good: '# redis-review: sentinels=3\nsentinel monitor mymaster 10.0.0.5 6379 2',
  sentinel: true,
  check(context) {
    return context.all('sentinel').flatMap((directive) => {
      if (directive.args[0]?.value.toLowerCase() !== 'monitor' || directive.args.length < 5) return [];
      const quorum = Number(directive.args[4].value);
      const sentinels = context.sentinels;
      if (quorum === 1 && (sentinels === undefined || sentinels >= 3)) {
        return [{ message: 'Quorum 1 lets a single (possibly partitioned) sentinel declare the master down; use a majority such as 2 of 3.', ...context.argRange(directive, 4) }];
      }
      if (sentinels !== undefined && sentinels < 3) return [{ message: `Only ${countOf(sentinels, 'sentinel')}: failover needs a majority; run at least 3 on independent hosts.`, ...context.lineRange(directive) }];
      if (sentinels !== undefined && quorum > sentinels) return [{ message: `Quorum ${quorum} is larger than the ${sentinels} sentinels: the master is never declared down.`, ...context.argRange(directive, 4) }];
      return [];
    });
  },
};
