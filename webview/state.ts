/** UI state that survives hiding the view (vscode setState): small on purpose — keys are re-scanned, not stored. */
import type { HostBridge } from './host';

export interface PersistedState {
  connectionId?: string;
  tab: string;
  pattern: string;
  type: string;
  selectedKey?: string;
  valueFilter?: string;
  /** Chart history of the stats tab: [time ms, used memory, ops/sec, hit ratio, clients]. */
  statsHistory?: Array<[number, number, number, number, number]>;
  clientSort?: { column: string; descending: boolean };
  /** The Analysis tab's method: key by key, or from a snapshot streamed over replication. */
  analysisMethod?: 'live' | 'snapshot';
}

const DEFAULT_STATE: PersistedState = { tab: 'keys', pattern: '*', type: '' };

export class StateStore {
  private state: PersistedState;
  private timer: number | undefined;

  constructor(private readonly host: HostBridge) {
    this.state = { ...DEFAULT_STATE, ...(host.getState<PersistedState>() ?? {}) };
  }

  get(): Readonly<PersistedState> {
    return this.state;
  }

  /** Merge and persist (coalesced: chart polling and typing update often). */
  update(patch: Partial<PersistedState>): void {
    this.state = { ...this.state, ...patch };
    if (this.timer !== undefined) return;
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      this.host.setState(this.state);
    }, 100);
  }

  /** A different connection: start over, keeping only the tab. */
  resetFor(connectionId: string): void {
    if (this.state.connectionId === connectionId) return;
    this.state = { ...DEFAULT_STATE, tab: this.state.tab, connectionId };
    this.host.setState(this.state);
  }
}
