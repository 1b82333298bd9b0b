/**
 * The Analysis tab's part of the instance webview protocol: request methods added to RequestMethods by
 * augmentation, and their run-time params validators. Imported for its effects by the host feature and the tab.
 */
import type { MemoryReport } from '../core/memory/types';
import { int, object, oneOf, registerParamsValidator, str } from './protocolValidation';

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
    /** Run "Analyze Memory" on this connection (progress and cancel in a notification); resolves when done. */
    runMemoryAnalysis: { params: Record<string, never>; result: AnalysisView | null };
    /** Open a write site in an editor. */
    openCodeLocation: { params: CodeLocation; result: { opened: boolean } };
    /** Save the stored analysis as Markdown or JSON (the host asks where). */
    exportAnalysis: { params: { format: 'markdown' | 'json' }; result: { savedTo: string | null } };
  }
}

registerParamsValidator('memoryAnalysis', object({}));
registerParamsValidator('runMemoryAnalysis', object({}));
registerParamsValidator('openCodeLocation', object({ file: str(4096), line: int(1, 10_000_000), column: int(1, 1_000_000) }));
registerParamsValidator('exportAnalysis', object({ format: oneOf('markdown', 'json') }));
