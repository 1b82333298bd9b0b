/** The hand-labelled real-code benchmark: its file format, loading, and the held-aside split. */
import { readFileSync } from 'node:fs';

/** A line a reviewer flags under one rule; `alt` lists other lines where the same finding is equally right. */
export interface Label {
  line: number;
  rule: string;
  alt?: number[];
  why: string;
}

/** A line that looks risky and is not: any finding there is a false positive worth reading. */
export interface Negative {
  line: number;
  why: string;
}

export interface LabelledFile {
  repo: string;
  commit: string;
  path: string;
  /** The client library the file uses, as the labeller saw it. */
  client: string;
  /** Sub-folder of the repository that is the project (monorepos); the whole repository when absent. */
  root?: string;
  /** `holdout` files are kept aside while tuning: only their totals are printed unless asked. */
  split: 'dev' | 'holdout';
  /**
   * Set on held-aside files whose labels someone read while tuning (month, `YYYY-MM`): they stay held aside but
   * no longer measure unseen code, so the bench also prints the held-aside totals without them ("held, clean").
   */
  heldReadAt?: string;
  labeller: string;
  findings: Label[];
  negatives: Negative[];
}

export interface LabelSet {
  version: 1;
  files: LabelledFile[];
}

export function loadLabels(path: string): LabelSet {
  const set = JSON.parse(readFileSync(path, 'utf8')) as LabelSet;
  if (set.version !== 1 || !Array.isArray(set.files)) throw new Error(`${path}: not a version 1 label set`);
  for (const file of set.files) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(file.repo) || !/^[0-9a-f]{40}$/.test(file.commit) || !file.path) throw new Error(`${path}: bad reference ${JSON.stringify(file).slice(0, 120)}`);
    if (file.split !== 'dev' && file.split !== 'holdout') throw new Error(`${path}: ${file.repo}/${file.path} has no split`);
  }
  return set;
}

/** FNV-1a of a string: a stable, dependency-free hash for choosing the held-aside repositories. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Whole repositories go aside (never single files, so nothing of a held-aside project leaks into tuning): those
 * whose name hashes to 0 mod 5. The choice depends on the repository alone, so adding labels never moves a
 * repository that was tuned on into the held-aside part.
 */
export function isHeldAside(repo: string): boolean {
  return stableHash(repo.toLowerCase()) % 5 === 0;
}
