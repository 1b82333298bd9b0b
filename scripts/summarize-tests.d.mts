/** Types of scripts/summarize-tests.mjs (the closing summary of scripts/test-all.sh). */
export declare function summarizeReports(dir: string): { lines: string[]; ok: boolean };
