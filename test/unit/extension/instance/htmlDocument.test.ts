/** The webview document's CSP: nothing inline, nothing remote, scripts only by nonce. */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, webviewDocument } from '../../../../src/extension/instance/htmlDocument';

describe('webview document', () => {
  const html = webviewDocument({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x/dist/webview.js', styleUris: ['https://x/media/webview.css'], surface: 'sidebar' });

  it('sets a strict policy', () => {
    const policy = contentSecurityPolicy('SRC', 'N');
    expect(policy).toBe("default-src 'none'; style-src SRC; font-src SRC; img-src SRC; script-src 'nonce-N'; connect-src 'none'");
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('loads the one script with the nonce and has no inline script or style', () => {
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="abc123" src="https://x/dist/webview.js"></script>');
    expect(html).not.toMatch(/<style|style="/);
    expect(html).toContain('data-surface="sidebar"');
  });
});
