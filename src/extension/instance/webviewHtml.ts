/** The instance webview's HTML for VS Code: a fresh nonce per render, assets only from dist/ and media/. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewDocument } from './htmlDocument';

/** Webview options shared by the panel and the sidebar view: scripts on, resources limited to the bundle and media. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function renderWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'panel' | 'sidebar'): string {
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return webviewDocument({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: asset('dist', 'webview.js'),
    styleUris: [asset('media', 'codicons', 'codicon.css'), asset('media', 'webview.css')],
    surface,
  });
}
