/** The instance webview's HTML document and its Content-Security-Policy (pure: the caller supplies URIs and the nonce). */

export interface DocumentParts {
  /** webview.cspSource: the only origin styles, fonts and images may come from. */
  cspSource: string;
  /** A fresh random value per render; only scripts carrying it run. */
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  surface: 'panel' | 'sidebar';
}

/** default-src 'none', no inline or eval, no network: all data arrives by postMessage from the host. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
  ].join('; ');
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function webviewDocument(parts: DocumentParts): string {
  const styles = parts.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>Redis instance</title>
</head>
<body data-surface="${parts.surface}">
<div id="app" role="application" aria-label="Redis instance"></div>
<script nonce="${escapeAttribute(parts.nonce)}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>`;
}
