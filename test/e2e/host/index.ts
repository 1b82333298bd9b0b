/**
 * Extension-host test entry (the run() contract of @vscode/test-electron, also used by code-server's smoke-test
 * driver): runs every compiled *.test.js next to this file with mocha inside the real extension host.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.REDIS_REVIEW_HOST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of testFiles(__dirname).sort()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      // One parseable line for the outer runner, whatever the reporter printed.
      console.log(`[host-tests] ${failures === 0 ? 'ok' : 'failed'}: ${failures} failure(s)`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
