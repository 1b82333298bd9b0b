/** The explicit list of rules, in documentation order. Adding a rule = one module + one line here. */
import { adminCommandInApp } from './admin-command-in-app';
import { bigSetAlgebra } from './big-set-algebra';
import { blockingOnSharedConnection } from './blocking-on-shared-connection';
import { cacheWriteWithoutTtl } from './cache-write-without-ttl';
import { clientPerRequest } from './client-per-request';
import { commandInLoop } from './command-in-loop';
import { commandNotOnTarget } from './command-not-on-target';
import { connectionNotReturned } from './connection-not-returned';
import { crossSlotMultiKey } from './cross-slot-multi-key';
import { delLargeKey } from './del-large-key';
import { dialWithoutTimeouts } from './dial-without-timeouts';
import { evalDynamicScript } from './eval-dynamic-script';
import { expensiveLinearListOps } from './expensive-linear-list-ops';
import { flushInAppCode } from './flush-in-app-code';
import { hardcodedCredentials } from './hardcoded-credentials';
import { keysCommand } from './keys-command';
import { lockReleaseWithoutOwnership } from './lock-release-without-ownership';
import { lockWithoutExpiry } from './lock-without-expiry';
import { luaUndeclaredKeys } from './lua-undeclared-keys';
import { missingErrorListener } from './missing-error-listener';
import { missingTimeouts } from './missing-timeouts';
import { pickleDeserialization } from './pickle-deserialization';
import { plaintextRemoteConnection } from './plaintext-remote-connection';
import { publishForReliableDelivery } from './publish-for-reliable-delivery';
import type { Rule } from './rule';
import { scanHugeCount } from './scan-huge-count';
import { selectDb } from './select-db';
import { setThenExpire } from './set-then-expire';
import { sortCommand } from './sort-command';
import { streamWithoutMaxlen } from './stream-without-maxlen';
import { subscribeOnCommandConnection } from './subscribe-on-command-connection';
import { unboundedCollectionRead } from './unbounded-collection-read';
import { unboundedListGrowth } from './unbounded-list-growth';
import { unsafeDeserializer } from './unsafe-deserializer';
import { watchWithoutRetry } from './watch-without-retry';

export const RULES: readonly Rule[] = [
  // latency
  keysCommand,
  unboundedCollectionRead,
  bigSetAlgebra,
  sortCommand,
  expensiveLinearListOps,
  delLargeKey,
  scanHugeCount,
  // round trips, connections, delivery
  commandInLoop,
  clientPerRequest,
  missingErrorListener,
  missingTimeouts,
  blockingOnSharedConnection,
  subscribeOnCommandConnection,
  watchWithoutRetry,
  publishForReliableDelivery,
  connectionNotReturned,
  dialWithoutTimeouts,
  // expiry and growth
  setThenExpire,
  cacheWriteWithoutTtl,
  unboundedListGrowth,
  streamWithoutMaxlen,
  // scripting, cluster, databases
  evalDynamicScript,
  luaUndeclaredKeys,
  crossSlotMultiKey,
  selectDb,
  // dangerous commands and locks
  flushInAppCode,
  adminCommandInApp,
  lockWithoutExpiry,
  lockReleaseWithoutOwnership,
  // security
  hardcodedCredentials,
  plaintextRemoteConnection,
  pickleDeserialization,
  unsafeDeserializer,
  // the target server
  commandNotOnTarget,
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.meta.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
