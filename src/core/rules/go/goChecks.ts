/** The Go check of each rule written first for Python and TS/JS: Go files are judged by these, over the model built by analysis/go. */
import type { RuleContext } from '../rule';
import { goHardcodedCredentials, goPlaintextRemoteConnection, goSelectDb } from './goClientChecks';
import { goAdminCommandInApp, goDelLargeKey, goFlushInAppCode, goKeysCommand, goStreamWithoutMaxlen, goUnboundedCollectionRead } from './goCommandChecks';
import { goLockReleaseWithoutOwnership, goLockWithoutExpiry } from './goLockChecks';
import { goConnectionNotReturned } from './goConnectionChecks';
import { goExpensiveLinearListOps } from './goLinearListOps';
import { goCrossSlotMultiKey } from './goCrossSlot';
import { goCacheWriteWithoutTtl, goCommandInLoop } from './goFlowChecks';
import { goClientPerRequest } from './goClientPerRequest';
import { goSetThenExpire } from './goSetThenExpire';
import { goBigSetAlgebra, goSortCommand, goUnboundedListGrowth } from './goGrowthChecks';

export const GO_CHECKS: Readonly<Record<string, (context: RuleContext) => void>> = {
  'keys-command': goKeysCommand,
  'unbounded-collection-read': goUnboundedCollectionRead,
  'del-large-key': goDelLargeKey,
  'flush-in-app-code': goFlushInAppCode,
  'admin-command-in-app': goAdminCommandInApp,
  'expensive-linear-list-ops': goExpensiveLinearListOps,
  'stream-without-maxlen': goStreamWithoutMaxlen,
  'lock-release-without-ownership': goLockReleaseWithoutOwnership,
  'lock-without-expiry': goLockWithoutExpiry,
  'cross-slot-multi-key': goCrossSlotMultiKey,
  'command-in-loop': goCommandInLoop,
  'set-then-expire': goSetThenExpire,
  'cache-write-without-ttl': goCacheWriteWithoutTtl,
  'client-per-request': goClientPerRequest,
  'hardcoded-credentials': goHardcodedCredentials,
  'plaintext-remote-connection': goPlaintextRemoteConnection,
  'select-db': goSelectDb,
  'connection-not-returned': goConnectionNotReturned,
  'unbounded-list-growth': goUnboundedListGrowth,
  'big-set-algebra': goBigSetAlgebra,
  'sort-command': goSortCommand,
};

/** The Go check of a rule, if the rule applies to Go. */
export function goCheckFor(ruleId: string): ((context: RuleContext) => void) | undefined {
  return Object.hasOwn(GO_CHECKS, ruleId) ? GO_CHECKS[ruleId] : undefined;
}
