/**
 * The Analysis tab's part of the instance webview protocol: request methods added to RequestMethods by
 * augmentation, and their run-time params validators. Imported for its effects by the host feature and the tab.
 */
import type { MemoryReport } from '../core/memory/types';
import { int, object, oneOf, registerParamsValidator, str } from './protocolValidation';

/**
 * How an analysis reads the server. "live": SCAN, then MEMORY USAGE per key on the server's main thread.
 * "snapshot": the server forks and streams an RDB over the replication protocol (needs SYNC permission), parsed
 * as it arrives; no per-key work on the server, no LRU touched, plus idle/LFU and already-expired keys.
 */
export type AnalysisMethod = 'live' | 'snapshot';
export const ANALYSIS_METHODS: readonly AnalysisMethod[] = ['live', 'snapshot'];

/** The latest analysis of the webview's connection. */
export interface AnalysisView {
  report: MemoryReport;
  complete: boolean;
  finishedAt: number;
  /** True when namespaces were linked to workspace code (links open with openCodeLocation). */
  linked: boolean;
}

export interface CodeLocation {
  /** Workspace-relative path with forward slashes, as in NamespaceLink sites. */
  file: string;
  /** One-based. */
  line: number;
  column: number;
}

declare module './protocol' {
  interface RequestMethods {
    /** The stored analysis for this connection, or null before the first run. */
    memoryAnalysis: { params: Record<string, never>; result: AnalysisView | null };
    /**
     * Run an analysis of this connection by the chosen method (progress and cancel in a notification); resolves
     * when done with the stored analysis (unchanged when a snapshot was cancelled before any of it arrived).
     * A snapshot the server refuses (ACL, a replica without its master) rejects with the reason and what to do.
     */
    runMemoryAnalysis: { params: { method: AnalysisMethod }; result: AnalysisView | null };
    /** Open a write site in an editor. */
    openCodeLocation: { params: CodeLocation; result: { opened: boolean } };
    /** Save the stored analysis as Markdown or JSON (the host asks where). */
    exportAnalysis: { params: { format: 'markdown' | 'json' }; result: { savedTo: string | null } };
  }
}

registerParamsValidator('memoryAnalysis', object({}));
registerParamsValidator('runMemoryAnalysis', object({ method: oneOf(...ANALYSIS_METHODS) }));
registerParamsValidator('openCodeLocation', object({ file: str(4096), line: int(1, 10_000_000), column: int(1, 1_000_000) }));
registerParamsValidator('exportAnalysis', object({ format: oneOf('markdown', 'json') }));
