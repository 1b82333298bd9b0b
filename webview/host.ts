/** The webview side of the protocol: typed requests with ids and timeouts, host notifications, and persisted state. */
import { PROTOCOL_VERSION, type ErrorReply, type HostToWebview, type InitNotification, type MethodName, type OpenKeyNotification, type ParamsOf, type ResultOf, type ShowTabNotification } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** A failed request: the host's error code and message. */
export class HostError extends Error {
  constructor(readonly reply: ErrorReply) {
    super(reply.message);
  }
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export interface HostEvents {
  init(message: InitNotification): void;
  openKey(message: OpenKeyNotification): void;
  showTab(message: ShowTabNotification): void;
  analysisChanged(): void;
}

export class HostBridge {
  private readonly api = acquireVsCodeApi();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly events: HostEvents) {
    window.addEventListener('message', (event: MessageEvent<HostToWebview>) => this.receive(event.data));
  }

  /** Tell the host we are listening; it answers with `init`. */
  start(): void {
    this.api.postMessage({ kind: 'ready', protocolVersion: PROTOCOL_VERSION });
  }

  request<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.api.postMessage({ kind: 'request', id, method, params });
    });
  }

  /** Drop answers still in flight (the connection changed): their callers get a rejection they can ignore. */
  abandonAll(): void {
    for (const pending of this.pending.values()) pending.reject(new HostError({ code: 'NOT_CONNECTED', message: 'The connection changed.' }));
    this.pending.clear();
  }

  getState<T>(): T | undefined {
    return (this.api.getState() as T | undefined) ?? undefined;
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }

  private receive(message: HostToWebview): void {
    if (!message || typeof message !== 'object') return;
    if (message.kind === 'response') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new HostError(message.error));
      return;
    }
    if (message.kind === 'notification') {
      if (message.type === 'init') this.events.init(message);
      else if (message.type === 'openKey') this.events.openKey(message);
      else if (message.type === 'showTab') this.events.showTab(message);
      else if (message.type === 'analysisChanged') this.events.analysisChanged();
    }
  }
}
