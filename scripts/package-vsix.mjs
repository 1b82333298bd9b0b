// Builds the extension and packages it as a .vsix with @vscode/vsce (which needs Node >= 22: run under the Node 24
// from scripts/install-tools.sh when the current Node is older). --skip-build packages dist/ as it is.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const major = Number(process.versions.node.split('.')[0]);
const tools = process.env.REDIS_REVIEW_TOOLS ?? join(homedir(), '.cache', 'redis-review-tools');
const node24 = join(tools, 'node24', 'node_modules', 'node', 'bin', 'node');
const node = major >= 22 ? process.execPath : node24;
if (!existsSync(node)) {
  console.error(`@vscode/vsce needs Node >= 22; run "bash scripts/install-tools.sh" first (looked for ${node24}).`);
  process.exit(2);
}
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const out = args.find((arg) => !arg.startsWith('--')) ?? join(root, 'redis-review.vsix');
if (!skipBuild) execFileSync('npx', ['webpack', '--mode', 'production'], { cwd: root, stdio: 'inherit' });
execFileSync(node, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', out], {
  cwd: root,
  stdio: 'inherit',
});
console.log(`packaged ${out}`);
