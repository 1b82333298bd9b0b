/**
 * Entry point of the Go model builder: a Go syntax tree → the language-neutral FileModel the rules read
 * (go-redis, rueidis and redigo clients).
 */
import type { Tree } from 'web-tree-sitter';
import type { AnalyzeOptions, FileAnalysis } from '../buildModel';
import { emptyFileAnalysis } from '../emptyAnalysis';

export function analyzeGoTree(tree: Tree, text: string, options: AnalyzeOptions): FileAnalysis {
  void tree;
  return emptyFileAnalysis(text, options);
}
