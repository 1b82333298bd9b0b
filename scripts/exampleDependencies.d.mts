/** Types of scripts/exampleDependencies.mjs (the examples/ workspace's npm packages). */
export declare const EXAMPLES_DIR: string;
export declare function exampleDependenciesFresh(): boolean;
export declare function ensureExampleDependencies(options?: { log?: (line: string) => void; stdio?: 'pipe' | 'inherit' }): boolean;
