/** The latest memory analysis per connection, with an event so diagnostics and the webview tab can refresh. */
import * as vscode from 'vscode';
import type { MemoryReport } from '../../core/memory/types';

export interface StoredAnalysis {
  connectionId: string;
  connectionName: string;
  report: MemoryReport;
  /** Workspace folder the code links' relative paths start from. */
  workspaceRoot?: string;
  complete: boolean;
  finishedAt: number;
}

export class AnalysisStore implements vscode.Disposable {
  private readonly analyses = new Map<string, StoredAnalysis>();
  private readonly changed = new vscode.EventEmitter<StoredAnalysis>();
  readonly onDidChange = this.changed.event;
  /** The connection analysed last (what editor diagnostics show). */
  latestId?: string;

  set(analysis: StoredAnalysis): void {
    this.analyses.set(analysis.connectionId, analysis);
    this.latestId = analysis.connectionId;
    this.changed.fire(analysis);
  }

  get(connectionId: string): StoredAnalysis | undefined {
    return this.analyses.get(connectionId);
  }

  latest(): StoredAnalysis | undefined {
    return this.latestId ? this.analyses.get(this.latestId) : undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
