/**
 * Review in the editor, inside the real extension host: exact diagnostics for the redis-py, ioredis and
 * node-redis fixtures, quick fixes, suppressions, hovers, rule docs, "Review Workspace" and live settings.
 * Runs on a temp copy of test/fixtures/workspace, so edits and saves are safe.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';

const SOURCE = 'Redis Review';
const EXTENSION_ID = 'redis-review.redis-review';

interface Expected {
  rule: string;
  severity: vscode.DiagnosticSeverity;
  /** [startLine, startCharacter, endLine, endCharacter], zero-based. */
  range: [number, number, number, number];
}

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'a workspace folder is open');
  return first.uri;
}

function fixture(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), relativePath);
}

function redisDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function summary(diagnostics: readonly vscode.Diagnostic[]): Expected[] {
  return diagnostics
    .map((d) => ({ rule: ruleOf(d), severity: d.severity, range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] as Expected['range'] }))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.rule.localeCompare(b.rule));
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the file's Redis diagnostics satisfy the predicate, and returns them. */
function diagnosticsWhen(uri: vscode.Uri, what: string, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 10_000) {
  return until(what, () => {
    const diagnostics = redisDiagnostics(uri);
    return predicate(diagnostics) ? diagnostics : undefined;
  }, timeoutMs);
}

async function open(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixture(relativePath));
  return vscode.window.showTextDocument(document);
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" carries an edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `"${action.title}" applied`);
}

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('redisReview.analyzer').update(key, value, vscode.ConfigurationTarget.Workspace);
}

const E = vscode.DiagnosticSeverity.Error;
const W = vscode.DiagnosticSeverity.Warning;
const I = vscode.DiagnosticSeverity.Information;

describe('review in the editor', function () {
  this.timeout(60_000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  afterEach(async () => {
    for (const key of ['rules', 'testAndScriptFiles', 'enable', 'run']) await setSetting(key, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports exact diagnostics for redis-py (and not for dict.keys())', async () => {
    const uri = fixture('python/sessions.py');
    await open('python/sessions.py');
    const diagnostics = await diagnosticsWhen(uri, 'sessions.py diagnostics', (d) => d.some((x) => ruleOf(x) === 'set-then-expire'));
    assert.deepStrictEqual(summary(diagnostics), [
      { rule: 'keys-command', severity: E, range: [9, 13, 9, 17] },
      { rule: 'set-then-expire', severity: W, range: [13, 6, 13, 9] },
    ]);
    const keys = diagnostics.find((d) => ruleOf(d) === 'keys-command')!;
    assert.match(keys.message, /KEYS 'session:\*'/);
    assert.strictEqual(typeof keys.code === 'object' && keys.code.target.scheme, 'redis-review-docs');
    const setThenExpire = diagnostics.find((d) => ruleOf(d) === 'set-then-expire')!;
    assert.strictEqual(setThenExpire.relatedInformation?.[0]?.location.range.start.line, 14, 'related information points at the EXPIRE');
  });

  it('reports exact diagnostics for ioredis (and not for Object.keys())', async () => {
    const uri = fixture('ts/cache.ts');
    await open('ts/cache.ts');
    const diagnostics = await diagnosticsWhen(uri, 'cache.ts diagnostics', (d) => d.length >= 2);
    assert.deepStrictEqual(summary(diagnostics), [
      { rule: 'missing-error-listener', severity: W, range: [3, 18, 3, 23] },
      { rule: 'keys-command', severity: E, range: [6, 27, 6, 31] },
    ]);
  });

  it('reports exact diagnostics for node-redis', async () => {
    const uri = fixture('js/worker.js');
    await open('js/worker.js');
    const diagnostics = await diagnosticsWhen(uri, 'worker.js diagnostics', (d) => d.length >= 2);
    assert.deepStrictEqual(summary(diagnostics), [
      { rule: 'missing-error-listener', severity: E, range: [3, 15, 3, 27] },
      { rule: 'keys-command', severity: E, range: [7, 29, 7, 33] },
    ]);
  });

  it('applies the preferred quick fix for keys-command', async () => {
    const editor = await open('python/sessions.py');
    const uri = editor.document.uri;
    const [keys] = await diagnosticsWhen(uri, 'keys-command', (d) => d.some((x) => ruleOf(x) === 'keys-command')).then((d) => d.filter((x) => ruleOf(x) === 'keys-command'));
    const preferred = (await codeActions(uri, keys.range)).filter((action) => action.isPreferred);
    assert.strictEqual(preferred.length, 1, 'exactly one preferred fix');
    await apply(preferred[0]);
    assert.strictEqual(editor.document.lineAt(9).text, '    return list(r.scan_iter(match="session:*"))');
    await diagnosticsWhen(uri, 'keys-command gone after the fix', (d) => !d.some((x) => ruleOf(x) === 'keys-command'));
    await revert(editor);
  });

  it('applies the preferred quick fix for set-then-expire', async () => {
    const editor = await open('python/sessions.py');
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsWhen(uri, 'set-then-expire', (d) => d.some((x) => ruleOf(x) === 'set-then-expire'));
    const target = diagnostics.find((d) => ruleOf(d) === 'set-then-expire')!;
    const preferred = (await codeActions(uri, target.range)).filter((action) => action.isPreferred);
    assert.strictEqual(preferred.length, 1);
    await apply(preferred[0]);
    const text = editor.document.getText();
    assert.ok(text.includes('    r.set(f"cache:profile:{user_id}", json.dumps(profile), ex=300)\n'), text);
    assert.ok(!text.includes('r.expire('), 'the separate EXPIRE is gone');
    await revert(editor);
  });

  it('applies the preferred quick fix for missing-error-listener', async () => {
    const editor = await open('js/worker.js');
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsWhen(uri, 'missing-error-listener', (d) => d.some((x) => ruleOf(x) === 'missing-error-listener'));
    const target = diagnostics.find((d) => ruleOf(d) === 'missing-error-listener')!;
    const preferred = (await codeActions(uri, target.range)).filter((action) => action.isPreferred);
    assert.strictEqual(preferred.length, 1);
    await apply(preferred[0]);
    assert.strictEqual(
      editor.document.lineAt(3).text,
      "const client = createClient({ url: 'redis://localhost:6379' }).on('error', (err) => console.error('Redis error', err));",
    );
    await diagnosticsWhen(uri, 'missing-error-listener gone', (d) => !d.some((x) => ruleOf(x) === 'missing-error-listener'));
    await revert(editor);
  });

  it('"Disable for this line" inserts a comment that removes the diagnostic', async () => {
    const editor = await open('ts/cache.ts');
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsWhen(uri, 'keys-command', (d) => d.some((x) => ruleOf(x) === 'keys-command'));
    const keys = diagnostics.find((d) => ruleOf(d) === 'keys-command')!;
    const actions = await codeActions(uri, keys.range);
    const titles = actions.map((action) => action.title);
    for (const title of ['Disable keys-command for this line', 'Disable keys-command for this file', 'Show documentation for keys-command']) {
      assert.ok(titles.includes(title), `${title} offered (got ${titles.join(' | ')})`);
    }
    await apply(actions.find((action) => action.title === 'Disable keys-command for this line')!);
    assert.strictEqual(editor.document.lineAt(6).text, '  // redis-review-disable-next-line keys-command');
    await diagnosticsWhen(uri, 'keys-command suppressed', (d) => !d.some((x) => ruleOf(x) === 'keys-command'));
    await revert(editor);
  });

  it('"Disable for this file" suppresses the rule in the whole file', async () => {
    const editor = await open('python/sessions.py');
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsWhen(uri, 'keys-command', (d) => d.some((x) => ruleOf(x) === 'keys-command'));
    const keys = diagnostics.find((d) => ruleOf(d) === 'keys-command')!;
    const action = (await codeActions(uri, keys.range)).find((a) => a.title === 'Disable keys-command for this file')!;
    await apply(action);
    assert.strictEqual(editor.document.lineAt(0).text, '# redis-review: disable-file keys-command');
    await diagnosticsWhen(uri, 'keys-command suppressed in the file', (d) => !d.some((x) => ruleOf(x) === 'keys-command'));
    await revert(editor);
  });

  it('"Show documentation" renders the rule docs offline in the Markdown preview', async () => {
    const editor = await open('python/sessions.py');
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsWhen(uri, 'keys-command', (d) => d.some((x) => ruleOf(x) === 'keys-command'));
    const keys = diagnostics.find((d) => ruleOf(d) === 'keys-command')!;
    const action = (await codeActions(uri, keys.range)).find((a) => a.title === 'Show documentation for keys-command')!;
    assert.ok(action.command);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const preview = await until('a Markdown preview tab', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && /markdown/i.test(tab.input.viewType)),
    );
    assert.match(preview.label, /keys-command/);
    const docs = await vscode.workspace.openTextDocument(vscode.Uri.parse('redis-review-docs:/keys-command.md'));
    assert.match(docs.getText(), /^# keys-command \(RR\d+\)/);
    assert.match(docs.getText(), /## Why is this bad\?/);
  });

  it('"Fix all safe Redis Review problems" applies only safe fixes', async () => {
    const editor = await open('python/sessions.py');
    const uri = editor.document.uri;
    await diagnosticsWhen(uri, 'set-then-expire', (d) => d.some((x) => ruleOf(x) === 'set-then-expire'));
    const fullRange = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const fixAll = (await codeActions(uri, fullRange, 'source.fixAll.redisReview')).find((a) => a.title === 'Fix all safe Redis Review problems');
    assert.ok(fixAll, 'fix-all source action offered');
    await apply(fixAll);
    const text = editor.document.getText();
    assert.ok(text.includes('ex=300)'), 'set-then-expire (safe) fixed');
    assert.ok(text.includes('r.keys("session:*")'), 'keys-command (unsafe) left alone');
    await revert(editor);
  });

  it('hover on HGETALL shows its time complexity, also inside call(...)', async () => {
    await open('python/sessions.py');
    const python = fixture('python/sessions.py');
    await diagnosticsWhen(python, 'sessions.py reviewed', (d) => d.length > 0);
    const pythonHover = await hoverText(python, new vscode.Position(18, 16));
    assert.ok(pythonHover.includes('O(N) where N is the size of the hash.'), pythonHover);
    assert.ok(pythonHover.includes('Redis 7.0.15, Redis 7.4.1 and Valkey 8.0.1'), 'the hover names the servers the data comes from');
    assert.ok(pythonHover.includes('**Available:** Redis 2.0+ · Valkey 8.0'), 'the hover says which servers have the command');
    await open('ts/cache.ts');
    const ts = fixture('ts/cache.ts');
    await diagnosticsWhen(ts, 'cache.ts reviewed', (d) => d.length > 0);
    const tsHover = await hoverText(ts, new vscode.Position(11, 34));
    assert.ok(tsHover.includes('**HGETALL**'), tsHover);
    assert.ok(tsHover.includes('O(N) where N is the size of the hash.'), tsHover);
    const keysHover = await hoverText(ts, new vscode.Position(6, 29));
    assert.ok(keysHover.includes('`dangerous`'), 'KEYS card shows the dangerous flag');
    assert.ok(keysHover.includes('Redis Review · keys-command'), 'the rule explanation is shown under the cursor');
  });

  it('"Review Workspace" fills the Problems panel for unopened files, respecting .gitignore and ignore globs', async () => {
    const root = folder();
    const write = (path: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, path), Buffer.from(text));
    const keysFile = 'import redis\nr = redis.Redis()\nr.keys("x:*")\n';
    await write('generated/dump.py', keysFile);
    await write('.gitignore', 'generated/\n');
    await write('legacy/old.py', keysFile);
    await write('.redis-review.json', JSON.stringify({ ignore: ['legacy/**'] }));
    try {
      const reports = fixture('unopened/reports.py');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === reports.toString()), 'reports.py is not open');
      const result = await vscode.commands.executeCommand<{ files: number; findings: number }>('redisReview.reviewWorkspace');
      assert.ok(result.files >= 5, `reviewed ${result.files} files`);
      assert.deepStrictEqual(summary(redisDiagnostics(reports)), [{ rule: 'keys-command', severity: E, range: [7, 18, 7, 22] }]);
      assert.deepStrictEqual(redisDiagnostics(fixture('generated/dump.py')), [], '.gitignore respected');
      assert.deepStrictEqual(redisDiagnostics(fixture('legacy/old.py')), [], 'ignore globs respected');
      // The unopened file changes on disk (a checkout, a teammate's fix): its Problems entry follows.
      const original = Buffer.from(await vscode.workspace.fs.readFile(reports)).toString('utf8');
      await vscode.workspace.fs.writeFile(reports, Buffer.from(original.replace('client.keys("report:*")', 'list(client.scan_iter(match="report:*"))')));
      await diagnosticsWhen(reports, 'reports.py refreshed from disk', (d) => d.length === 0, 15_000);
      await vscode.workspace.fs.writeFile(reports, Buffer.from(original));
      await diagnosticsWhen(reports, 'reports.py flagged again', (d) => d.length === 1, 15_000);
    } finally {
      for (const path of ['generated', 'legacy', '.gitignore', '.redis-review.json']) {
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, path), { recursive: true });
      }
    }
  });

  it('settings take effect without reload: severity, off, test files, enable', async () => {
    await open('python/sessions.py');
    const uri = fixture('python/sessions.py');
    const keysOf = (d: vscode.Diagnostic[]) => d.find((x) => ruleOf(x) === 'keys-command');
    await diagnosticsWhen(uri, 'keys-command as error', (d) => keysOf(d)?.severity === E);
    await setSetting('rules', { 'keys-command': 'info' });
    await diagnosticsWhen(uri, 'keys-command as information', (d) => keysOf(d)?.severity === I);
    await setSetting('rules', { 'keys-command': 'off' });
    await diagnosticsWhen(uri, 'keys-command off', (d) => !keysOf(d));
    await setSetting('rules', undefined);
    await diagnosticsWhen(uri, 'keys-command back', (d) => keysOf(d)?.severity === E);

    // A test file: KEYS is skipped there by default, reported like app code when configured so.
    await open('tests/test_sessions.py');
    const testFile = fixture('tests/test_sessions.py');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepStrictEqual(summary(redisDiagnostics(testFile)).filter((d) => d.rule === 'keys-command'), []);
    await setSetting('testAndScriptFiles', 'same-as-app');
    await diagnosticsWhen(testFile, 'keys-command in the test file', (d) => keysOf(d)?.severity === E);

    await setSetting('enable', false);
    await diagnosticsWhen(uri, 'all cleared when disabled', (d) => d.length === 0);
    assert.deepStrictEqual(redisDiagnostics(testFile), []);
    await setSetting('enable', undefined);
    await diagnosticsWhen(uri, 'diagnostics back when enabled', (d) => d.length > 0);
  });

  it('knows an error listener attached in another file (workspace index)', async () => {
    await open('ts/redisClient.ts');
    const uri = fixture('ts/redisClient.ts');
    // Until the background index is built the listener in ts/observability.ts is unknown; then the file is reviewed again.
    const diagnostics = await diagnosticsWhen(
      uri,
      'keys-command without missing-error-listener',
      (d) => d.some((x) => ruleOf(x) === 'keys-command') && !d.some((x) => ruleOf(x) === 'missing-error-listener'),
      20_000,
    );
    assert.deepStrictEqual(summary(diagnostics), [{ rule: 'keys-command', severity: E, range: [6, 28, 6, 32] }]);
  });

  it('with run = onSave, typing does not review and saving does', async () => {
    await setSetting('run', 'onSave');
    const editor = await open('js/worker.js');
    const uri = editor.document.uri;
    const keysCount = (d: vscode.Diagnostic[]) => d.filter((x) => ruleOf(x) === 'keys-command').length;
    await diagnosticsWhen(uri, 'worker.js reviewed on open', (d) => keysCount(d) === 1);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((builder) => builder.insert(end, "\nasync function more() { await client.keys('more:*'); }\n"));
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.strictEqual(keysCount(redisDiagnostics(uri)), 1, 'no review while typing');
    await editor.document.save();
    await diagnosticsWhen(uri, 'reviewed on save', (d) => keysCount(d) === 2);
    await editor.edit((builder) => builder.delete(new vscode.Range(end, editor.document.lineAt(editor.document.lineCount - 1).range.end)));
    await editor.document.save();
    await diagnosticsWhen(uri, 'back to one KEYS after saving the undo', (d) => keysCount(d) === 1);
  });

  it('the project config file takes precedence over settings', async () => {
    const root = folder();
    const config = vscode.Uri.joinPath(root, '.redis-review.json');
    await setSetting('rules', { 'keys-command': 'info' });
    await open('python/sessions.py');
    const uri = fixture('python/sessions.py');
    const keysOf = (d: vscode.Diagnostic[]) => d.find((x) => ruleOf(x) === 'keys-command');
    await diagnosticsWhen(uri, 'keys-command as information', (d) => keysOf(d)?.severity === I);
    await vscode.workspace.fs.writeFile(config, Buffer.from(JSON.stringify({ rules: { 'keys-command': 'warning' } })));
    try {
      await diagnosticsWhen(uri, 'keys-command as warning from .redis-review.json', (d) => keysOf(d)?.severity === W);
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await diagnosticsWhen(uri, 'back to the setting once the file is gone', (d) => keysOf(d)?.severity === I);
  });

  it('reviews while typing (debounced) and clears diagnostics on close', async () => {
    const editor = await open('js/worker.js');
    const uri = editor.document.uri;
    await diagnosticsWhen(uri, 'worker.js reviewed', (d) => d.some((x) => ruleOf(x) === 'keys-command'));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((builder) => builder.insert(end, "\nasync function more() { return client.keys('more:*'); }\n"));
    const after = await diagnosticsWhen(uri, 'the typed KEYS call reported', (d) => d.filter((x) => ruleOf(x) === 'keys-command').length === 2);
    assert.ok(after.some((d) => d.range.start.line === editor.document.lineCount - 2), 'the new call is flagged on its line');
    await revert(editor);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Closing an editor does not close the document at once; the document closes when VS Code disposes it.
    await diagnosticsWhen(uri, 'diagnostics cleared on close', (d) => d.length === 0, 45_000);
  });

  it('keeps a 3,000-line Python file current while typing (prints the latency)', async () => {
    const lines = ['import redis', '', 'r = redis.Redis(socket_timeout=5)', '', ''];
    for (let n = 0; lines.length < 2995; n++) {
      lines.push(
        `def handler_${n}(user_id):`,
        `    profile = r.hgetall(f"profile:{user_id}")`,
        `    names = list({"n": ${n}}.keys())`,
        n % 25 === 0 ? `    stale = r.keys("tmp:${n}:*")` : `    stale = r.get(f"counter:${n}")`,
        `    return profile, names, stale`,
        '',
        '',
      );
    }
    const uri = fixture('generated_large.py');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(lines.join('\n') + '\n'));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const keysCount = (d: vscode.Diagnostic[]) => d.filter((x) => ruleOf(x) === 'keys-command').length;
      const before = keysCount(await diagnosticsWhen(uri, 'large file reviewed', (d) => keysCount(d) > 0, 30_000));
      const latencies: number[] = [];
      for (let burst = 0; burst < 5; burst++) {
        const line = 200 + burst * 500;
        // Typed left to right without the pattern's final "*", which is the last keystroke: only a review of the
        // final text can show the message with 'typed:N:*', so the wait below measures exactly that review.
        const typed = `    x = r.keys("typed:${burst}:")\n`;
        for (let i = 0; i < typed.length; i++) {
          const position = new vscode.Position(line, i);
          await editor.edit((builder) => builder.insert(position, typed[i]), { undoStopBefore: false, undoStopAfter: false });
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
        await editor.edit((builder) => builder.insert(new vscode.Position(line, typed.indexOf('")')), '*'), { undoStopBefore: false, undoStopAfter: false });
        const lastKeystroke = Date.now();
        await diagnosticsWhen(uri, `burst ${burst} reviewed`, (d) => d.some((x) => x.message.includes(`'typed:${burst}:*'`)) && keysCount(d) === before + burst + 1, 30_000);
        latencies.push(Date.now() - lastKeystroke);
      }
      latencies.sort((a, b) => a - b);
      console.log(`[review] 3,000-line file, last keystroke → diagnostics current (ms): ${latencies.join(', ')} (median ${latencies[2]})`);
      await revert(editor);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
