/**
 * The key write sites of every Python/TypeScript/JavaScript file under a folder (honouring .gitignore), via the
 * review engine — what memory analysis links namespaces to. Shared by `redis-review analyze --workspace` and
 * the editor's "Analyze Memory".
 */
import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { WriteSiteInput } from '../core/memory/codeLinkage';
import { languageForPath } from '../core/parsing/languages';
import type { Parsers } from '../core/parsing/parsers';
import { reviewSource } from '../core/review';
import { collectFiles } from './workspaceFiles';

const MAX_FILE_BYTES = 1_000_000;

/** Write sites with paths relative to `root` (forward slashes), in file order; `cancelled` stops between files. */
export async function workspaceWriteSites(root: string, parsers: Parsers, cancelled: () => boolean = () => false): Promise<WriteSiteInput[]> {
  const files = collectFiles([root], { root, accept: (path) => languageForPath(path) !== undefined });
  const sites: WriteSiteInput[] = [];
  for (const file of files) {
    if (cancelled()) break;
    if ((await stat(file)).size > MAX_FILE_BYTES) continue;
    const path = relative(root, file).split('\\').join('/');
    const result = reviewSource(parsers, await readFile(file, 'utf8'), { path, language: languageForPath(file)! });
    for (const site of result.writeSites) sites.push({ file: path, keyPattern: site.keyPattern, command: site.command, span: site.span, setsTtl: site.setsTtl });
  }
  return sites;
}
