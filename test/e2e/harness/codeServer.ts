/**
 * Starts a real VS Code (code-server) on a free loopback port with a throwaway profile, and stops it again.
 * HOME and XDG folders point into the temp dir so nothing is written to the real home.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../helpers/redisServers';
import { assertToolsInstalled, CODE_SERVER, NODE24_BIN } from './tools';

export interface CodeServerOptions {
  /** User settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and so for the extension host (e.g. REDIS_REVIEW_TEST_URL). */
  env?: Record<string, string>;
  /** Use this extensions dir (e.g. one a .vsix was installed into). */
  extensionsDir?: string;
}

export interface CodeServer {
  port: number;
  baseUrl: string;
  dataDir: string;
  extensionsDir: string;
  log(): string;
  stop(): Promise<void>;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

export function isolatedEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = join(dataDir, 'home');
  mkdirSync(home, { recursive: true });
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    PATH: `${NODE24_BIN}:${process.env.PATH ?? ''}`,
    ...extra,
  };
}

async function waitHealthy(url: string, isAlive: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`code-server exited at start:\n${log().slice(-3000)}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not become healthy within 60 s:\n${log().slice(-3000)}`);
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  assertToolsInstalled();
  const dataDir = mkdtempSync(join(tmpdir(), 'redis-review-cs-'));
  const userDir = join(dataDir, 'user');
  mkdirSync(join(userDir, 'User'), { recursive: true });
  writeFileSync(join(userDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const extensionsDir = options.extensionsDir ?? join(dataDir, 'ext');
  mkdirSync(extensionsDir, { recursive: true });
  const port = await freePort();
  const logFile = join(dataDir, 'cs.log');
  writeFileSync(join(dataDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    '--config', join(dataDir, 'config.yaml'), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', userDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--ignore-last-opened', '--vscode-option', 'enable-smoke-test-driver',
  ];
  const { openSync } = await import('node:fs');
  const out = openSync(logFile, 'a');
  const child = spawn(CODE_SERVER, args, {
    env: isolatedEnv(dataDir, options.env),
    detached: true,
    stdio: ['ignore', out, out],
  });
  let alive = true;
  child.once('exit', () => (alive = false));
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (alive && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(baseUrl, () => alive, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, baseUrl, dataDir, extensionsDir, log, stop };
}
