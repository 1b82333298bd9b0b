/** The workloads the linter and the generator know, and what they imply about data loss and eviction. */

export const WORKLOADS = ['cache', 'session', 'queue', 'primary', 'leaderboard', 'ratelimit', 'pubsub'] as const;
export type Workload = (typeof WORKLOADS)[number];

export const MODES = ['standalone', 'replica', 'sentinel', 'cluster'] as const;
export type DeploymentMode = (typeof MODES)[number];

export function isWorkload(value: string | undefined): value is Workload {
  return (WORKLOADS as readonly string[]).includes(value ?? '');
}

export function isMode(value: string | undefined): value is DeploymentMode {
  return (MODES as readonly string[]).includes(value ?? '');
}

/** Data that must survive a restart: losing it is an incident, not a cold cache. */
export function isDurableWorkload(workload: Workload | undefined): boolean {
  return workload === 'queue' || workload === 'primary' || workload === 'session';
}

/** Data that may be dropped at any time: eviction and no persistence are the design. */
export function isEphemeralWorkload(workload: Workload | undefined): boolean {
  return workload === 'cache' || workload === 'ratelimit' || workload === 'pubsub';
}

/** Eviction would silently delete records or jobs. */
export function mustNotEvict(workload: Workload | undefined): boolean {
  return workload === 'queue' || workload === 'primary';
}
