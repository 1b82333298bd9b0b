/**
 * Public API of the review engine, used by the CLI (`redis-review lint`) and the editor integration.
 * Everything here is pure: callers bring parsers, text, configuration and the workspace index.
 */
export { reviewSource, reviewTree, reviewAnalysis, fileContextFor, mightUseRedis, UNUSED_SUPPRESSION_ID } from './review';
export type { FileAnalysis } from '../analysis/buildModel';
export type { ReviewOptions, ReviewResult } from './reviewTypes';
export { parseSuppressions, suppressionEdit, type Suppression, type SuppressionKind } from './suppressions';
export { writeSitesOf } from './writeSites';

export type { RedisCallSite, WriteSite, FileModel, ReceiverInfo, ClientLibrary, ReceiverKind, Arg, ArgValue } from '../analysis/model';
export { WorkspaceIndex, isLuaScriptPath, type FileSummary, type LuaScriptFile } from '../analysis/workspaceIndex';
export { buildWorkspaceIndex, indexFile, indexUnreadFileFacts, reindexImporters, mentionsRedis, summarizeTree, type IndexedFile } from '../analysis/workspaceIndexBuild';
export { contextForPath, normalizePath } from '../analysis/fileContext';

export { RULES, RULE_IDS, ruleById } from '../rules/registry';
export type { Rule, RuleMeta, RuleDocs, RuleCategory, RuleExample } from '../rules/rule';
export { docsMarkdown, ruleMarkdown, rulesTableMarkdown, ruleDocsUrl, RULE_DOCS_BASE_URL } from '../rules/docsMarkdown';

export { resolveConfig, withRuleOverrides, DEFAULT_CONFIG, CONFIG_FILE_NAME, type ResolvedConfig, type RedisReviewConfigFile, type RuleSetting } from '../config';
