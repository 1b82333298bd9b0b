/** redis.conf support inside the real extension host: language, diagnostics, hover, completion, quick fix, generator command. */
import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('redis.conf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-review-conf-e2e-'));
  const file = join(dir, 'redis.conf');
  writeFileSync(file, '# redis-review: workload=cache\nmaxmemory-polcy allkeys-lru\nmaxmemory 1gb\nappendfsync always\nsave ""\n');

  before(async () => {
    await vscode.extensions.getExtension('redis-review.redis-review')!.activate();
  });

  it('opens redis.conf as redis-conf and reports diagnostics with rule codes', async () => {
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    assert.strictEqual(document.languageId, 'redis-conf');
    const diagnostics = await eventually(() => {
      const list = vscode.languages.getDiagnostics(document.uri);
      return list.length ? list : undefined;
    }, 'diagnostics');
    const codes = diagnostics.map((d) => String(d.code));
    assert.ok(codes.includes('conf-unknown-directive'), codes.join(', '));
    assert.ok(codes.includes('conf-cache-noeviction'), codes.join(', '));
    const unknown = diagnostics.find((d) => d.code === 'conf-unknown-directive')!;
    assert.match(unknown.message, /did you mean "maxmemory-policy"/);
    assert.strictEqual(unknown.range.start.line, 1);
  });

  it('hovers a directive with type, default and version', async () => {
    const document = await vscode.workspace.openTextDocument(file);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /\*\*maxmemory\*\*/);
    assert.match(text, /Type: `memory`/);
    assert.match(text, /Default: `0`/);
  });

  it('completes directive names and enum values', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'redis-conf', content: 'maxmemory-policy \nappendf' });
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 17));
    assert.ok(values.items.some((i) => i.label === 'allkeys-lru'));
    const names = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(1, 7));
    assert.ok(names.items.some((i) => i.label === 'appendfsync'));
  });

  it('offers the "switch appendfsync" quick fix and applies it', async () => {
    const document = await vscode.workspace.openTextDocument(file);
    const diagnostic = await eventually(() => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'conf-appendfsync-always'), 'appendfsync finding');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Switch to appendfsync everysec');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    await vscode.workspace.applyEdit(fix.edit);
    assert.match(document.getText(), /^appendfsync everysec$/m);
  });

  it('the generator command writes the files (secrets 0600) and never overwrites without consent', async () => {
    const out = mkdtempSync(join(tmpdir(), 'redis-review-conf-gen-'));
    const options = { workload: 'queue', memory: 1024 ** 3, mode: 'sentinel', monitoring: true, backup: true };
    const written = await vscode.commands.executeCommand<string[]>('redisReview.conf.generate', { folder: out, options });
    assert.ok(written.some((p) => p.endsWith('redis.conf')));
    assert.ok(written.some((p) => p.endsWith('sentinel-3.conf')));
    assert.strictEqual(statSync(join(out, 'secrets.env')).mode & 0o777, 0o600);
    assert.match(readFileSync(join(out, 'redis.conf'), 'utf8'), /^maxmemory-policy noeviction$/m);
    writeFileSync(join(out, 'redis.conf'), 'kept\n');
    const again = await vscode.commands.executeCommand<string[]>('redisReview.conf.generate', { folder: out, options, overwrite: false });
    assert.deepStrictEqual(again, []);
    assert.strictEqual(readFileSync(join(out, 'redis.conf'), 'utf8'), 'kept\n');
  });

  it('checks valkey.conf against Valkey 8 and redis.conf against Redis 7.0 when the project names no server', async () => {
    const valkeyFile = join(dir, 'valkey.conf');
    const redisFile = join(dir, 'redis-valkey-only.conf');
    const text = 'cluster-slot-stats-enabled yes\nhz 500\n';
    writeFileSync(valkeyFile, text);
    writeFileSync(redisFile, text);
    const codesOf = async (path: string) => {
      const document = await vscode.workspace.openTextDocument(path);
      assert.strictEqual(document.languageId, 'redis-conf');
      const list = await eventually(() => {
        const found = vscode.languages.getDiagnostics(document.uri);
        return found.some((d) => d.code === 'conf-hz-high') ? found : undefined;
      }, `diagnostics of ${path}`);
      return { document, diagnostics: list };
    };
    const valkey = await codesOf(valkeyFile);
    assert.ok(!valkey.diagnostics.some((d) => d.code === 'conf-unsupported-version'), valkey.diagnostics.map((d) => d.message).join('\n'));
    const redis = await codesOf(redisFile);
    const refused = redis.diagnostics.find((d) => d.code === 'conf-unsupported-version');
    assert.match(refused?.message ?? '', /not accepted by Redis 7\.0 \(known to Valkey 8\.0\)/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', redis.document.uri, new vscode.Position(0, 3));
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(hover, /Accepted by: Valkey 8\.0 — \*\*not by the target Redis 7\.0\*\*/);
  });

  it('the generator command writes the target server\'s directive names (primaryauth on Valkey 8)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'redis-review-conf-gen-valkey-'));
    const options = { workload: 'queue', memory: 1024 ** 3, mode: 'replica', server: 'valkey-8' };
    await vscode.commands.executeCommand<string[]>('redisReview.conf.generate', { folder: out, options });
    const replica = readFileSync(join(out, 'redis-replica-1.conf'), 'utf8');
    assert.match(replica, /^primaryauth \S+$/m);
    assert.doesNotMatch(replica, /^masterauth /m);
  });
});
