/** "Redis: Generate redis.conf for a Workload…": a guided pick, then the files written into a chosen folder (never overwriting silently). */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { DEFAULT_TARGET_SERVER, DURABILITIES, MODES, PROFILES, SECRET_NAMES, TARGET_SERVERS, WORKLOADS, generateRedisConfig, serverLabel, type GeneratorOptions, type TargetServer } from '../../core/conf';
import { parseMemorySize } from '../../core/conf/generator/memorySize';
import { countOf } from '../../core/text/plural';
import { OutputError, writeOutputFiles } from '../../node/outputFiles';
import { projectServer, readConfSettings } from './confSettings';

export const GENERATE_COMMAND = 'redisReview.conf.generate';

/** Arguments for running the command without questions. */
export interface ScriptedGenerate {
  folder: string;
  options: Omit<GeneratorOptions, 'secrets'>;
  overwrite?: boolean;
}

type AskedOptions = Omit<GeneratorOptions, 'secrets'>;

/**
 * The answers of a run that stopped at the overwrite question: the next run starts from them, so declining to
 * overwrite never costs the user the seven questions again.
 */
let previousAnswers: (AskedOptions & { memoryText: string }) | undefined;

async function pick<T extends string>(title: string, values: readonly T[], describe: (value: T) => string, previous?: T): Promise<T | undefined> {
  const ordered = previous ? [previous, ...values.filter((value) => value !== previous)] : values;
  const chosen = await vscode.window.showQuickPick(ordered.map((value) => ({ label: value, detail: describe(value), description: value === previous ? 'your last answer' : undefined })), { title, ignoreFocusOut: true });
  return chosen?.label as T | undefined;
}

/** The server to preselect: the last answer, else the project's "server" (or the redis.conf setting), else the default. */
function preselectedServer(last: AskedOptions | undefined): TargetServer {
  if (last?.server) return last.server;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const declared = folder?.scheme === 'file' ? projectServer(folder.fsPath) : undefined;
  return declared ?? readConfSettings(folder).server ?? DEFAULT_TARGET_SERVER;
}

/** Ask every question (starting from the previous answers, if any); undefined when the user cancels. */
async function askOptions(): Promise<(AskedOptions & { memoryText: string }) | undefined> {
  const last = previousAnswers;
  const target = preselectedServer(last);
  const servers = [target, ...TARGET_SERVERS.filter((server) => server !== target)];
  const serverItems = servers.map((server) => ({ label: server, detail: serverLabel(server), description: server === target ? (last?.server ? 'your last answer' : 'project target') : undefined, server }));
  const serverChoice = await vscode.window.showQuickPick(serverItems, { title: 'Server (1/7)', ignoreFocusOut: true });
  if (!serverChoice) return undefined;
  const server = serverChoice.server;
  const workload = await pick('Workload (2/7)', WORKLOADS, (w) => `maxmemory ${Math.round(PROFILES[w].memoryShare * 100)}% of RAM, ${PROFILES[w].policy}`, last?.workload);
  if (!workload) return undefined;
  const memoryText = await vscode.window.showInputBox({
    title: 'Memory available to Redis per host (3/7)',
    value: last?.memoryText ?? '4gb',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const size = parseMemorySize(text);
      return size.ok ? undefined : size.message;
    },
  });
  const memorySize = memoryText ? parseMemorySize(memoryText) : undefined;
  if (!memorySize?.ok) return undefined;
  const mode = await pick('Deployment (4/7)', MODES, (m) => ({ standalone: 'one server', replica: 'master + 2 replicas', sentinel: 'master + 2 replicas + 3 sentinels', cluster: '3 masters + 1 replica each, with a create script' })[m], last?.mode);
  if (!mode) return undefined;
  const durability = await pick('Durability (5/7)', DURABILITIES, (d) => ({ none: 'no persistence (cache-like data)', rdb: 'periodic snapshots', aof: 'append-only file, fsync every second', 'aof-always': 'fsync every write (slow)' })[d], last?.durability);
  if (!durability) return undefined;
  const tls = await pick('TLS (6/7)', ['no', 'yes'] as const, (t) => (t === 'yes' ? 'TLS listeners with client certificates' : 'plain TCP on trusted networks'), last ? (last.tls ? 'yes' : 'no') : undefined);
  if (!tls) return undefined;
  const extras = await vscode.window.showQuickPick(
    [
      { label: 'Monitoring', detail: 'Prometheus alert rules for redis_exporter', picked: last?.monitoring ?? true },
      { label: 'Backup', detail: 'backup.sh with verification and retention, restore notes', picked: last?.backup ?? true },
    ],
    { title: 'Extras (7/7)', canPickMany: true, ignoreFocusOut: true },
  );
  if (!extras) return undefined;
  return {
    memoryText: memoryText!,
    server,
    workload,
    memory: memorySize.bytes,
    mode,
    durability,
    tls: tls === 'yes',
    monitoring: extras.some((e) => e.label === 'Monitoring'),
    backup: extras.some((e) => e.label === 'Backup'),
  };
}

export async function generateConfFiles(folder: vscode.Uri, options: Omit<GeneratorOptions, 'secrets'>, confirmOverwrite: (names: string[]) => Thenable<boolean>): Promise<vscode.Uri[]> {
  const secrets = Object.fromEntries(SECRET_NAMES.map((name) => [name, randomBytes(32).toString('hex')]));
  const files = generateRedisConfig({ ...options, secrets });
  const existing: string[] = [];
  for (const file of files) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, file.path));
      existing.push(file.path);
    } catch {
      // does not exist: fine
    }
  }
  if (existing.length && !(await confirmOverwrite(existing))) return [];
  if (folder.scheme === 'file') {
    // Local folders get the all-or-nothing writer: secrets are 0600 from creation and symlinks are never followed.
    return writeOutputFiles(folder.fsPath, files, { force: true }).map((path) => vscode.Uri.file(path));
  }
  const written: vscode.Uri[] = [];
  for (const file of files) {
    const uri = vscode.Uri.joinPath(folder, file.path);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(file.content, 'utf8'));
    // Secrets must not be world-readable: set the mode on local files (the fs API has no permission call).
    if (uri.scheme === 'file' && file.mode !== undefined) {
      const { chmod } = await import('node:fs/promises');
      await chmod(uri.fsPath, file.mode);
    }
    written.push(uri);
  }
  return written;
}

const askFolder = async () =>
  (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Write the files here', defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri }))?.[0];

export async function runGenerateCommand(folderArg?: vscode.Uri): Promise<void> {
  const answers = await askOptions();
  if (!answers) return;
  const { memoryText: _memoryText, ...options } = answers;
  let folder = folderArg ?? (await askFolder());
  let written: vscode.Uri[] = [];
  while (folder) {
    let another = false;
    try {
      written = await generateConfFiles(folder, options, async (names) => {
        const answer = await vscode.window.showWarningMessage(
          `${countOf(names.length, 'file')} already ${names.length === 1 ? 'exists' : 'exist'} in this folder: ${names.slice(0, 5).join(', ')}${names.length > 5 ? '…' : ''}. Overwrite ${names.length === 1 ? 'it' : 'them'}?`,
          { modal: true, detail: 'Your answers are kept: choose another folder now, or run the command again later.' },
          'Overwrite',
          'Choose Another Folder',
        );
        another = answer === 'Choose Another Folder';
        return answer === 'Overwrite';
      });
    } catch (error) {
      if (!(error instanceof OutputError)) throw error;
      void vscode.window.showErrorMessage(`Redis: ${error.message}`);
      previousAnswers = answers;
      return;
    }
    if (written.length || !another) break;
    folder = await askFolder();
  }
  if (!written.length) {
    previousAnswers = answers;
    return;
  }
  previousAnswers = undefined;
  const main = written.find((uri) => /redis(-\d+)?\.conf$/.test(uri.path)) ?? written[0];
  await vscode.window.showTextDocument(main);
  void vscode.window.showInformationMessage(`Wrote ${countOf(written.length, 'file')}. secrets.env holds the passwords (mode 0600): keep it out of version control.`);
}
