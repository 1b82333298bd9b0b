/** The Java check of each rule written first for Python and TS/JS: Java files are judged by these, over the model built by analysis/java. */
import type { RuleContext } from '../rule';
import { javaAdminCommandInApp, javaBigSetAlgebra, javaDelLargeKey, javaFlushInAppCode, javaSortCommand, javaExpensiveListOps, javaKeysCommand, javaStreamWithoutMaxlen, javaUnboundedListGrowth } from './javaCommandChecks';
import { javaSelectDb } from './javaSelectDb';
import { javaUnboundedCollectionRead } from './javaWholeReads';
import { javaClientPerRequest, javaCommandInLoop, javaHardcodedCredentials } from './javaConnectionChecks';
import { javaCrossSlotMultiKey } from './javaCrossSlot';
import { javaPlaintextRemoteConnection } from './javaTransportChecks';
import { javaLockReleaseWithoutOwnership, javaLockWithoutExpiry } from './javaLockChecks';
import { javaCacheWriteWithoutTtl } from './javaCacheWriteChecks';
import { javaSetThenExpire } from './javaWriteChecks';

export const JAVA_CHECKS: Readonly<Record<string, (context: RuleContext) => void>> = {
  'keys-command': javaKeysCommand,
  'unbounded-collection-read': javaUnboundedCollectionRead,
  'expensive-linear-list-ops': javaExpensiveListOps,
  'del-large-key': javaDelLargeKey,
  'command-in-loop': javaCommandInLoop,
  'client-per-request': javaClientPerRequest,
  'set-then-expire': javaSetThenExpire,
  'cache-write-without-ttl': javaCacheWriteWithoutTtl,
  'unbounded-list-growth': javaUnboundedListGrowth,
  'stream-without-maxlen': javaStreamWithoutMaxlen,
  'select-db': javaSelectDb,
  'lock-without-expiry': javaLockWithoutExpiry,
  'lock-release-without-ownership': javaLockReleaseWithoutOwnership,
  'hardcoded-credentials': javaHardcodedCredentials,
  'big-set-algebra': javaBigSetAlgebra,
  'sort-command': javaSortCommand,
  'flush-in-app-code': javaFlushInAppCode,
  'admin-command-in-app': javaAdminCommandInApp,
  'plaintext-remote-connection': javaPlaintextRemoteConnection,
  'cross-slot-multi-key': javaCrossSlotMultiKey,
};

/** The Java check of a rule, if the rule applies to Java. */
export function javaCheckFor(ruleId: string): ((context: RuleContext) => void) | undefined {
  return Object.hasOwn(JAVA_CHECKS, ruleId) ? JAVA_CHECKS[ruleId] : undefined;
}
