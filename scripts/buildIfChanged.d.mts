/** Types of scripts/buildIfChanged.mjs (rebuild only the stale bundles, repackage only a stale .vsix). */
export declare function whyStale(name: 'extension' | 'cli' | 'webview', base?: string): string | undefined;
export declare function buildIfChanged(log?: (line: string) => void): string[];
export declare function whyVsixStale(out: string, base?: string): string | undefined;
