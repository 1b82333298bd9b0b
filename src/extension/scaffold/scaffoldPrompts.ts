/** The interactive steps of "Redis: Scaffold Data Structure…": pattern, language, prefix, tests, folder. */
import * as vscode from 'vscode';
import { validatePrefix } from '../../core/scaffold/generate';
import { scaffoldCatalog } from '../../core/scaffold/registry';
import type { ScaffoldLanguage } from '../../core/scaffold/types';

export interface ScaffoldChoices {
  pattern: string;
  language: ScaffoldLanguage;
  prefix: string;
  withTests: boolean;
}

const LANGUAGE_LABELS: Record<ScaffoldLanguage, string> = { python: 'Python (redis-py)', typescript: 'TypeScript (ioredis)' };

/** Asks for every choice in turn (the previous run's answers first, if it stopped short); undefined on cancel. */
export async function askChoices(defaults: { language?: ScaffoldLanguage; prefix: string; withTests: boolean; pattern?: string }): Promise<ScaffoldChoices | undefined> {
  const catalog = [...scaffoldCatalog()].sort((a, b) => Number(b.id === defaults.pattern) - Number(a.id === defaults.pattern));
  const patternPick = await vscode.window.showQuickPick(
    catalog.map((pattern) => ({ label: pattern.title, description: pattern.id === defaults.pattern ? `your last answer · ${pattern.structures}` : pattern.structures, detail: pattern.description, info: pattern })),
    { title: 'Scaffold Data Structure (1/4): pattern', placeHolder: 'Which Redis pattern?', matchOnDescription: true, matchOnDetail: true },
  );
  if (!patternPick) return undefined;
  const languages = [...patternPick.info.languages].sort((a, b) => Number(b === defaults.language) - Number(a === defaults.language));
  const languagePick = await vscode.window.showQuickPick(
    languages.map((language) => ({ label: LANGUAGE_LABELS[language], description: language === defaults.language ? (defaults.pattern ? 'your last answer' : 'detected in this workspace') : undefined, language })),
    { title: 'Scaffold Data Structure (2/4): language' },
  );
  if (!languagePick) return undefined;
  const patternPrefix = String(patternPick.info.options.find((option) => option.name === 'prefix')?.default ?? '');
  const prefix = await vscode.window.showInputBox({
    title: 'Scaffold Data Structure (3/4): key prefix',
    prompt: 'Keys are named <prefix>:…; hash tags are added where keys must share a Cluster slot.',
    value: defaults.prefix || patternPrefix,
    validateInput: (value) => validatePrefix(value),
  });
  if (prefix === undefined) return undefined;
  const testsPick = await vscode.window.showQuickPick(
    [
      { label: 'With tests', description: languagePick.language === 'python' ? 'pytest file running against REDIS_URL' : 'vitest file running against REDIS_URL', withTests: true },
      { label: 'Module only', withTests: false },
    ].sort((a, b) => Number(b.withTests === defaults.withTests) - Number(a.withTests === defaults.withTests)),
    { title: 'Scaffold Data Structure (4/4): tests' },
  );
  if (!testsPick) return undefined;
  return { pattern: patternPick.info.id, language: languagePick.language, prefix, withTests: testsPick.withTests };
}

/** The folder to write into, chosen in a folder dialog that starts at the workspace root. */
export async function askFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Folder for the generated files',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Generate Here',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}
