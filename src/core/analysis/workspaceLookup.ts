/** What the client tracker asks of the workspace: clients exported by other files of the project. */
import type { ClientLibrary, ReceiverKind } from './model';

export interface ExportedClient {
  kind: ReceiverKind;
  library: ClientLibrary;
  async: boolean;
  /** Stable identity across files: "<path>#<name>". */
  identity: string;
  /** The export is a function that returns a client (`get_redis()`), not the client itself. */
  returnsClient: boolean;
}

export interface WorkspaceLookup {
  /**
   * The client exported under `name` by the module `specifier` imported from `fromPath`
   * (Python: "app.cache" or ".cache"; TS/JS: "./redis", "../lib/redis"; name "default" for default exports).
   */
  exportedClient(fromPath: string, family: 'python' | 'script', specifier: string, name: string): ExportedClient | undefined;
  /** True when some file of the workspace attaches an 'error' listener to the client with this identity. */
  hasErrorListener(identity: string): boolean;
  /** Some file of the project imports a Redis client library (evidence for files that never name Redis). */
  readonly usesRedis?: boolean;
  /** Changes whenever the answers above may change. */
  readonly generation?: number;
}
