/**
 * Brings each labelled repository's source files at the labelled commit into a git-ignored cache, from a local
 * git snapshot of the repository (`<mirrors>/<owner>+<name>/repo`). Third-party source never enters the project.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What the reviewer reads: sources (Python, TS/JS, Go, Java), Lua scripts, the manifests that say which Redis client a
 * project uses (package.json, requirements, go.mod, pom.xml, build.gradle), and Spring's application properties.
 * Go `vendor/` trees, like node_modules, are third-party code (other languages' vendor folders are kept, as before).
 */
const KEPT =
  /(\.(py|pyi|js|mjs|cjs|jsx|ts|mts|cts|tsx|lua|go|java)|(^|\/)(package\.json|requirements[^/]*\.txt|pyproject\.toml|setup\.py|setup\.cfg|Pipfile|go\.mod|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|application[^/]*\.(properties|ya?ml)|\.gitignore|[^/]*redis[^/]*\.conf))$/;
const SKIPPED = /(^|\/)node_modules\/|(^|\/)vendor\/.*\.go$/;

export interface Checkout {
  repo: string;
  commit: string;
  /** Folder holding the repository's files as they were at the commit. */
  directory: string;
}

/** The git directory of a snapshot: a bare repository, or one with a `.git` folder. */
export function snapshotDirectory(mirrors: string, repo: string): string {
  const base = join(mirrors, repo.replace('/', '+'), 'repo');
  return existsSync(join(base, '.git')) ? join(base, '.git') : base;
}

function checkoutDirectory(cache: string, repo: string, commit: string): string {
  return join(cache, `${repo.replace('/', '+')}@${commit.slice(0, 12)}`);
}

/** Whether `materialise` can give the repository at `commit`: extracted before, or its snapshot is here. */
export function canMaterialise(mirrors: string, cache: string, repo: string, commit: string): boolean {
  return existsSync(join(checkoutDirectory(cache, repo, commit), '.materialised')) || existsSync(snapshotDirectory(mirrors, repo));
}

/** The repository at `commit` in `cache`, extracted once (a marker file says the extraction finished). */
export function materialise(mirrors: string, cache: string, repo: string, commit: string): Checkout {
  const directory = checkoutDirectory(cache, repo, commit);
  const done = join(directory, '.materialised');
  if (existsSync(done)) return { repo, commit, directory };
  const gitDir = snapshotDirectory(mirrors, repo);
  if (!existsSync(gitDir)) throw new Error(`no snapshot of ${repo} at ${gitDir}: fetch the repository first`);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  // Snapshots may lack their largest blobs: files are read one by one (a missing blob is skipped), not archived.
  const listing = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 1 << 28 }).toString('utf8');
  const wanted: { id: string; path: string }[] = [];
  for (const entry of listing.split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (match && KEPT.test(match[2]) && !SKIPPED.test(match[2])) wanted.push({ id: match[1], path: match[2] });
  }
  const batch = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: wanted.map((w) => w.id).join('\n') + '\n', maxBuffer: 1 << 30 });
  let offset = 0;
  for (const { path } of wanted) {
    const headerEnd = batch.indexOf(10, offset);
    const header = batch.subarray(offset, headerEnd).toString('utf8');
    offset = headerEnd + 1;
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!size) continue;
    const bytes = batch.subarray(offset, offset + Number(size[1]));
    offset += Number(size[1]) + 1;
    const target = join(directory, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  writeFileSync(done, `${repo}@${commit}\n`);
  return { repo, commit, directory };
}
