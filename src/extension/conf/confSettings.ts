/** The `redisReview.conf.*` settings, read in one place and sanitized, and the server a config file is checked for. */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { parseConfigText, resolveConfig } from '../../core/config';
import { RULE_IDS } from '../../core/rules/registry';
import { isTargetServer, type TargetServer } from '../../core/servers/targetServers';
import { defaultServerForFile } from '../../core/conf';
import { findProjectConfig } from '../../node/projectConfig';

export interface ConfSettings {
  enable: boolean;
  /** Server chosen in the settings (undefined = none: the project file or the file name decides). */
  server: TargetServer | undefined;
  /** Workload used when a file has no `# redis-review: workload=` header ('' = none). */
  workload: string;
}

export function readConfSettings(scope?: vscode.Uri): ConfSettings {
  const config = vscode.workspace.getConfiguration('redisReview.conf', scope);
  const server = config.get<string>('server', '');
  return {
    enable: config.get<boolean>('enable', true),
    server: isTargetServer(server) ? server : undefined,
    workload: config.get<string>('workload', ''),
  };
}

/** Declared servers of project files, re-read only when the file changes. */
const projectServers = new Map<string, { mtimeMs: number; server: TargetServer | undefined }>();

/** The "server" declared by the nearest `.redis-review.json` at or above a folder. */
export function projectServer(folder: string): TargetServer | undefined {
  const file = findProjectConfig(folder);
  if (!file) return undefined;
  try {
    const mtimeMs = statSync(file).mtimeMs;
    const cached = projectServers.get(file);
    if (cached?.mtimeMs === mtimeMs) return cached.server;
    const { config } = resolveConfig(parseConfigText(readFileSync(file, 'utf8')), RULE_IDS);
    const server = config.serverDeclared ? config.server : undefined;
    projectServers.set(file, { mtimeMs, server });
    return server;
  } catch {
    // Unreadable or invalid JSON: the review feature reports the file's problems; fall back to the settings.
    return undefined;
  }
}

/** The server a config file is checked for: the project's "server", else the setting, else by file name (valkey*.conf → Valkey 8). */
export function confTargetServer(uri: vscode.Uri): TargetServer {
  const declared = uri.scheme === 'file' ? projectServer(dirname(uri.fsPath)) : undefined;
  return declared ?? readConfSettings(uri).server ?? defaultServerForFile(uri.path);
}
