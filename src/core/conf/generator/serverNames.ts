/** What differs per target server in generated files: directive names the server uses, and its program names. */
import { catalogueSource, directiveInfo, nameOnServer, serverLabel } from '../catalogue';
import type { ResolvedOptions } from './options';

export interface ServerPrograms {
  server: string;
  sentinel: string;
  cli: string;
  checkRdb: string;
}

/** valkey-server / valkey-cli on Valkey (its packages install those names), redis-* otherwise. */
export function programsFor(options: ResolvedOptions): ServerPrograms {
  const prefix = catalogueSource(options.server).product;
  return { server: `${prefix}-server`, sentinel: `${prefix}-sentinel`, cli: `${prefix}-cli`, checkRdb: `${prefix}-check-rdb` };
}

/** "Redis 7.4", "Valkey 8.0". */
export function targetLabel(options: ResolvedOptions): string {
  return serverLabel(options.server);
}

/** The name the target server uses for an option (primaryauth on Valkey for masterauth); throws when it has none. */
export function directiveName(options: ResolvedOptions, name: string): string {
  const own = directiveInfo(name, options.server);
  const chosen = own && !own.aliasOf ? own.name : (own?.aliasOf ?? nameOnServer(name, options.server));
  if (!chosen) throw new Error(`${serverLabel(options.server)} has no "${name}" directive`);
  return chosen;
}

/** True when the target server accepts the directive (options added by later releases are written only there). */
export function serverKnows(options: ResolvedOptions, name: string): boolean {
  const info = directiveInfo(name, options.server);
  return info !== undefined && !info.ignored && !info.aliasOf;
}
