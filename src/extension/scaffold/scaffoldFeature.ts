/**
 * "Redis: Scaffold Data Structure…" (`redisReview.scaffold`): generates a pattern into a folder, asking before
 * overwriting, and opens the result. Invoked from the palette it prompts; from the Explorer it receives the
 * folder; tests and other commands pass a {@link ScaffoldCommandOptions} object to skip every prompt.
 */
import * as vscode from 'vscode';
import { writeOutputFiles } from '../../node/outputFiles';
import { generateScaffold, isScaffoldLanguage } from '../../core/scaffold/generate';
import { LANGUAGE_MARKER_GLOB, workspaceLanguage } from '../../core/scaffold/workspaceLanguage';
import type { ScaffoldLanguage } from '../../core/scaffold/types';
import type { Feature } from '../feature';
import { askChoices, askFolder, type ScaffoldChoices } from './scaffoldPrompts';

export const SCAFFOLD_COMMAND = 'redisReview.scaffold';

/** Arguments that skip the prompts (all of pattern, language and folder must be given). */
export interface ScaffoldCommandOptions {
  pattern: string;
  language: ScaffoldLanguage;
  /** Absolute path or URI of the target folder. */
  folder: string | vscode.Uri;
  prefix?: string;
  withTests?: boolean;
  /** What to do with existing files instead of asking: true overwrites, false skips the whole write. */
  overwrite?: boolean;
  /** Open the generated files (default true). */
  open?: boolean;
}

interface ScaffoldSettings {
  defaultLanguage: 'auto' | ScaffoldLanguage;
  prefix: string;
  withTests: boolean;
  openFiles: boolean;
}

function readSettings(): ScaffoldSettings {
  const config = vscode.workspace.getConfiguration('redisReview.scaffold');
  const language = config.get<string>('defaultLanguage', 'auto');
  return {
    defaultLanguage: language === 'python' || language === 'typescript' ? language : 'auto',
    prefix: config.get<string>('prefix', '').trim(),
    withTests: config.get<boolean>('withTests', true) !== false,
    openFiles: config.get<boolean>('openGeneratedFiles', true) !== false,
  };
}

async function detectLanguage(setting: ScaffoldSettings['defaultLanguage']): Promise<ScaffoldLanguage | undefined> {
  if (setting !== 'auto') return setting;
  const markers = await vscode.workspace.findFiles(LANGUAGE_MARKER_GLOB, '**/node_modules/**', 50);
  return workspaceLanguage(markers.map((uri) => vscode.workspace.asRelativePath(uri, false)));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function isOptions(value: unknown): value is ScaffoldCommandOptions {
  const candidate = value as Partial<ScaffoldCommandOptions> | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.pattern === 'string' && typeof candidate.language === 'string' && candidate.folder !== undefined;
}

/** The answers of a run the user stopped at the overwrite question: the next run starts from them. */
let previousChoices: ScaffoldChoices | undefined;

/** Writes the files; returns the written URIs, or 'another-folder' / [] when the user declined to overwrite. */
async function writeScaffold(choices: ScaffoldChoices, folder: vscode.Uri, overwrite: boolean | undefined): Promise<vscode.Uri[] | 'another-folder'> {
  // An empty prefix means the pattern's own default.
  const files = generateScaffold(choices.pattern, choices.language, { prefix: choices.prefix || undefined, withTests: choices.withTests });
  const targets = files.map((file) => ({ file, uri: vscode.Uri.joinPath(folder, file.path) }));
  const existing: string[] = [];
  for (const target of targets) if (await exists(target.uri)) existing.push(target.file.path);
  if (existing.length > 0) {
    const answer =
      overwrite === undefined
        ? await vscode.window.showWarningMessage(
            `${existing.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'} in ${vscode.workspace.asRelativePath(folder)}.`,
            { modal: true, detail: 'Your answers are kept: choose another folder now, or run the command again later.' },
            'Overwrite',
            'Choose Another Folder',
          )
        : overwrite
          ? 'Overwrite'
          : undefined;
    if (answer === 'Choose Another Folder') return 'another-folder';
    if (answer !== 'Overwrite') return [];
  }
  if (folder.scheme === 'file') {
    // Local folders: all files or none, and never written through a symlink (the CLI's writer).
    return writeOutputFiles(folder.fsPath, files, { force: true }).map((path) => vscode.Uri.file(path));
  }
  await vscode.workspace.fs.createDirectory(folder);
  for (const target of targets) await vscode.workspace.fs.writeFile(target.uri, new TextEncoder().encode(target.file.content));
  return targets.map((target) => target.uri);
}

async function scaffold(output: vscode.LogOutputChannel, argument?: unknown): Promise<string[]> {
  const settings = readSettings();
  let choices: ScaffoldChoices | undefined;
  let folder: vscode.Uri | undefined;
  let overwrite: boolean | undefined;
  let open = settings.openFiles;
  if (isOptions(argument)) {
    if (!isScaffoldLanguage(argument.language)) throw new Error(`language must be python or typescript, not "${argument.language}"`);
    choices = { pattern: argument.pattern, language: argument.language, prefix: argument.prefix ?? '', withTests: argument.withTests ?? settings.withTests };
    folder = typeof argument.folder === 'string' ? vscode.Uri.file(argument.folder) : argument.folder;
    overwrite = argument.overwrite;
    open = argument.open ?? open;
  } else {
    folder = argument instanceof vscode.Uri ? argument : undefined;
    const last = previousChoices;
    choices = await askChoices(
      last
        ? { language: last.language, prefix: last.prefix, withTests: last.withTests, pattern: last.pattern }
        : { language: await detectLanguage(settings.defaultLanguage), prefix: settings.prefix, withTests: settings.withTests },
    );
    if (!choices) return [];
    folder ??= await askFolder();
  }
  let written: vscode.Uri[] = [];
  while (folder) {
    const outcome = await writeScaffold(choices, folder, overwrite);
    if (outcome !== 'another-folder') {
      written = outcome;
      break;
    }
    folder = await askFolder();
  }
  // Declined (or no folder): keep the answers for the next run; written: start afresh next time.
  if (!isOptions(argument)) previousChoices = written.length ? undefined : choices;
  if (!folder) return [];
  output.info(`Scaffolded ${choices.pattern} (${choices.language}) into ${folder.fsPath}: ${written.map((uri) => uri.fsPath).join(', ') || 'nothing written'}`);
  if (open) {
    for (const [index, uri] of written.entries()) await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: index > 0 });
  }
  return written.map((uri) => uri.fsPath);
}

export const scaffoldFeature: Feature = {
  name: 'Scaffolding',
  activate(context, services) {
    context.subscriptions.push(
      vscode.commands.registerCommand(SCAFFOLD_COMMAND, async (argument?: unknown) => {
        try {
          return await scaffold(services.output, argument);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          services.output.error(`Scaffold failed: ${message}`);
          void vscode.window.showErrorMessage(`Redis Review: could not scaffold (${message}).`);
          return [];
        }
      }),
    );
  },
};
