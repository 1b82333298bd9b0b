/** Webview entry point (browser code); talks to the extension host only through src/shared/protocol. */
export {};
