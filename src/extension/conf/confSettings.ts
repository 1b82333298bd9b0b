/** The `redisReview.conf.*` settings, read in one place and sanitized. */
import * as vscode from 'vscode';

export interface ConfSettings {
  enable: boolean;
  targetVersion: string;
  /** Workload used when a file has no `# redis-review: workload=` header ('' = none). */
  workload: string;
}

export function readConfSettings(scope?: vscode.Uri): ConfSettings {
  const config = vscode.workspace.getConfiguration('redisReview.conf', scope);
  const targetVersion = config.get<string>('targetVersion', '7.0');
  return {
    enable: config.get<boolean>('enable', true),
    targetVersion: /^\d+(\.\d+){0,2}$/.test(targetVersion) ? targetVersion : '7.0',
    workload: config.get<string>('workload', ''),
  };
}
