/**
 * What each pattern's driver must show, identical for Python and TypeScript: the reports are JSON with the same
 * shape in both languages. `persistent` names the keys that are meant to live without a TTL.
 */
import { expect } from 'vitest';
import { neverExceedsLimit } from './harness';

export interface PatternExpectation {
  /** Keys (under the driver's prefix) that legitimately have no TTL; every other key must expire. */
  persistent?: RegExp;
  check(report: any): void;
}

export const EXPECTATIONS: Record<string, PatternExpectation> = {
  'rate-limiter': {
    check(report) {
      expect(report.burstAdmitted).toBe(10);
      expect(report.burstDenied.allowed).toBe(false);
      expect(report.burstDenied.remaining).toBe(0);
      expect(report.burstDenied.retryAfterMs).toBeGreaterThan(0);
      expect(report.burstTtlMs).toBeGreaterThan(0);
      expect(report.burstTtlMs).toBeLessThanOrEqual(5000);
      const { limit, windowMs, admitted } = report.sliding;
      expect(neverExceedsLimit(admitted, limit, windowMs)).toBe(true);
      // 1.5 s of pressure on a 500 ms window: the window must have slid at least twice.
      expect(admitted.length).toBeGreaterThanOrEqual(limit * 2);
      expect(admitted.length).toBeLessThanOrEqual(limit * 4);
    },
  },
  'distributed-lock': {
    check(report) {
      expect(report.acquisitions).toBe(30);
      expect(report.overlaps).toBe(0);
      expect(report.staleAcquired).toBe(true);
      expect(report.secondWhileHeld).toBe(false);
      expect(report.freshAcquired).toBe(true);
      expect(report.staleExtend).toBe(false);
      expect(report.staleRelease).toBe(false);
      expect(report.holderIsFresh).toBe(true);
      expect(report.freshTtlMs).toBeGreaterThan(0);
      expect(report.scopedTtlMs).toBeGreaterThan(0);
      expect(report.scopedLeft).toBe(0);
      expect(report.freshRelease).toBe(true);
    },
  },
  'job-queue': {
    persistent: /:\{(orders|bounded)\}:(stream|dead)$/,
    check(report) {
      expect(report.dyingGot).toBe(report.first);
      expect(report.reservedBySurvivor).toEqual([report.second]);
      expect(report.reclaimedEarly).toBe(0);
      expect(report.reclaims).toEqual([[[report.first, 2, 1]], [[report.first, 3, 1]], []]);
      expect(report.dead).toEqual([{ id: report.first, deliveries: 3, payload: { n: 1 } }]);
      expect(report.pendingAfter).toBe(0);
      expect(report.boundedLength).toBeLessThan(250);
    },
  },
  'cache-aside': {
    check(report) {
      expect(report.loaderCallsForConcurrentMisses).toBe(1);
      expect(report.distinctResults).toBe(1);
      expect(report.ttlSeconds).toBeGreaterThanOrEqual(119);
      expect(report.ttlSeconds).toBeLessThanOrEqual(132);
      expect(report.lockLeft).toBe(0);
      expect(report.reloaded).toEqual({ name: 'Ada', loaded: 2 });
      expect(report.failedLoaderRaised).toBe(true);
      expect(report.recovered).toBe('recovered');
    },
  },
  'session-store': {
    check(report) {
      expect(report.slidingAlive).toEqual([true, true, true]);
      expect(report.idleExpired).toBe(true);
      expect(report.updated).toBe(true);
      expect(report.data).toEqual({ user: '42', cart: '3' });
      expect(report.tooMany).toBe(true);
      expect(report.tooBig).toBe(true);
      expect(report.touch).toBe(true);
      expect(report.ttl).toBeGreaterThan(290);
      expect(report.destroyed).toBe(true);
      expect(report.afterDestroy).toBeNull();
      expect(report.updateAfterDestroy).toBe(false);
    },
  },
  leaderboard: {
    persistent: /:(weekly|capped)$/,
    check(report) {
      // 10 connections each add member+1 to 20 players: player-n ends at 10 * (n + 1).
      expect(report.top3).toEqual([['player-19', 200, 0], ['player-18', 190, 1], ['player-17', 180, 2]]);
      expect(report.rankOfLeader).toBe(0);
      expect(report.rankMissing).toBeNull();
      expect(report.page2).toEqual([['player-11', 120, 8], ['player-10', 110, 9], ['player-9', 100, 10], ['player-8', 90, 11]]);
      expect(report.around).toEqual([['player-12', 130, 7], ['player-11', 120, 8], ['player-10', 110, 9], ['player-9', 100, 10], ['player-8', 90, 11]]);
      expect(report.aroundLeader).toEqual([['player-19', 200, 0], ['player-18', 190, 1], ['player-17', 180, 2]]);
      expect(report.aroundMissing).toEqual([]);
      expect(report.size).toBe(20);
      expect(report.cappedSize).toBe(5);
      expect(report.cappedTop.map((row: unknown[]) => row[0])).toEqual(['p11', 'p10', 'p9', 'p8', 'p7']);
      expect(report.removed).toBe(true);
      expect(report.sizeAfterRemove).toBe(19);
    },
  },
  'delayed-jobs': {
    check(report) {
      expect(report.scheduled).toBe(100);
      expect(report.claimed).toBe(100);
      expect(report.distinctClaimed).toBe(100);
      expect(report.allScheduledClaimed).toBe(true);
      expect(report.early).toEqual([]);
      expect(report.cancelResult).toBe(true);
      expect(report.cancelledClaimed).toBe(false);
      expect(report.pendingAfter).toBe(0);
    },
  },
  'idempotency-keys': {
    check(report) {
      expect(report.handlerCalls).toBe(1);
      expect(report.distinctResults).toBe(1);
      expect(report.result).toEqual({ chargeId: 'ch_1' });
      expect(report.replay).toEqual({ chargeId: 'ch_1' });
      expect(report.callsAfterReplay).toBe(1);
      expect(report.reusedRefused).toBe(true);
      expect(report.failedRaised).toBe(true);
      expect(report.retried).toBe('ok');
      expect(report.ttl).toBeGreaterThan(590);
    },
  },
  'unique-counters': {
    check(report) {
      // HyperLogLog standard error is 0.81 %: allow 3 %.
      expect(Math.abs(report.uniqueMonday - 2000)).toBeLessThanOrEqual(60);
      expect(Math.abs(report.uniqueTuesday - 1000)).toBeLessThanOrEqual(30);
      expect(Math.abs(report.uniqueBoth - 2000)).toBeLessThanOrEqual(60);
      expect(report.dauMonday).toBe(50);
      expect(report.dauTuesday).toBe(34);
      expect(report.activeOnAll).toBe(17);
      expect(report.activeOnAny).toBe(67);
      expect(report.isActive).toEqual([true, true, false]);
      expect(report.rejectedHugeId).toBe(true);
      expect(report.ttl).toBeGreaterThan(3 * 86400 - 60);
    },
  },
  'time-series-events': {
    // A MAXLEN-only series is bounded by count, not time: it is the one key meant to live without a TTL.
    persistent: /:capped$/,
    check(report) {
      expect(report.window).toEqual(Array.from({ length: 10 }, (_, i) => 50 + i));
      expect(report.windowTimestamps).toEqual(Array.from({ length: 10 }, (_, i) => 500 + i * 10));
      expect(report.latest).toEqual([199, 198, 197]);
      expect(report.paged).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect(report.loginsLength).toBeLessThan(200);
      expect(report.freshKept).toBe(true);
      expect(report.cappedLength).toBeLessThan(200);
      expect(report.ttl).toBeGreaterThan(3_500_000);
    },
  },
  'pubsub-invalidation': {
    check(report) {
      expect(report.firstReads).toEqual([10, 10, 10]);
      expect(report.cachedSizes).toEqual([1, 1, 1]);
      expect(report.dropped).toBe(true);
      expect(report.secondReads).toEqual([12, 12, 12]);
      expect(report.clearedAfterReconnect).toBe(true);
      expect(report.droppedAfterReconnect).toBe(true);
      expect(report.thirdReads).toEqual([14, 14, 14]);
      expect(report.deleted).toBe(true);
      expect(report.ttl).toBeGreaterThan(55);
    },
  },
};
