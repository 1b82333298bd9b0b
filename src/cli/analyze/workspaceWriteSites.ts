/** Collects the key write sites of every Python/TypeScript/JavaScript file under a folder, via the review engine. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { WriteSiteInput } from '../../core/memory/codeLinkage';
import { languageForPath } from '../../core/parsing/languages';
import { sharedParsers } from '../../core/parsing/parsers';
import { reviewSource } from '../../core/review';
import { diskGrammarSource } from '../../node/grammarFiles';

const SKIPPED = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.venv', 'venv', '__pycache__']);
const MAX_FILE_BYTES = 1_000_000;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIPPED.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...sourceFiles(path));
    else if (stat.size <= MAX_FILE_BYTES && languageForPath(path)) out.push(path);
  }
  return out;
}

/** Write sites with paths relative to `root` (forward slashes), in file order. */
export async function workspaceWriteSites(root: string): Promise<WriteSiteInput[]> {
  const parsers = await sharedParsers(diskGrammarSource);
  const sites: WriteSiteInput[] = [];
  for (const file of sourceFiles(root)) {
    const path = relative(root, file).split('\\').join('/');
    const result = reviewSource(parsers, readFileSync(file, 'utf8'), { path, language: languageForPath(file)! });
    for (const site of result.writeSites) sites.push({ file: path, keyPattern: site.keyPattern, command: site.command, span: site.span, setsTtl: site.setsTtl });
  }
  return sites;
}
