/** Reviews one file: model → rules → configured severities → suppressions. */
import type { Tree } from 'web-tree-sitter';
import { analyzeTree, type FileAnalysis } from '../analysis/buildModel';
import { contextForPath, normalizePath } from '../analysis/fileContext';
import { usesCeleryBackendClient } from '../analysis/fileEvidence';
import { fixesOnTarget } from '../commands/fixesOnTarget';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../config/configShape';
import { matchesAnyGlob } from '../config/glob';
import { lowerSeverity } from '../config/validateConfig';
import type { RedisCallSite } from '../analysis/model';
import type { FileContext, Finding, FindingConfidence, Severity, Span } from '../findings';
import type { Parsers } from '../parsing/parsers';
import { goCheckFor } from '../rules/go/goChecks';
import { javaCheckFor } from '../rules/java/javaChecks';
import { RULES } from '../rules/registry';
import { languageFamilyOf, type ContextPolicy, type Rule, type RuleContext } from '../rules/rule';
import type { ReviewOptions, ReviewResult } from './reviewTypes';
import { applySuppressions, parseSuppressions } from './suppressions';
import { writeSitesOf } from './writeSites';

const DEFAULT_TIME_BUDGET_MS = 2000;
export const UNUSED_SUPPRESSION_ID = 'unused-suppression';

/** A message template cut at its placeholders: literal text at even indexes, placeholder names at odd ones. */
const templateParts = new Map<string, string[]>();
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Fills a message's {{placeholders}} (one left unfilled keeps its name). Templates are cut once: a file's
 * re-analysis formats every finding again, and the replace with a callback was a visible part of it.
 */
function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = [];
    let from = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      parts.push(template.slice(from, match.index), match[1]);
      from = match.index + match[0].length;
    }
    parts.push(template.slice(from));
    templateParts.set(template, parts);
  }
  let message = parts[0];
  for (let i = 1; i < parts.length; i += 2) message += (parts[i] in data ? String(data[parts[i]]) : `{{${parts[i]}}}`) + parts[i + 1];
  return message;
}

function policyFor(rule: Rule, context: FileContext, config: ResolvedConfig): ContextPolicy {
  if (context === 'app' || config.nonAppFiles === 'same-as-app') return 'keep';
  if (config.nonAppFiles === 'skip') return 'skip';
  return rule.meta.contexts[context];
}

/**
 * The check a rule runs on a file of this language, or undefined when the rule does not apply to it. Java files
 * are judged by the Java checks of the rules that have one (rules/java), besides rules written for Java alone.
 */
function checkFor(rule: Rule, language: ReviewOptions['language']): Rule['check'] | undefined {
  if (language === 'java') return javaCheckFor(rule.meta.id) ?? (rule.meta.languages.includes('java') ? rule.check : undefined);
  if (language === 'go') return goCheckFor(rule.meta.id) ?? (rule.meta.languages.includes('go') ? rule.check : undefined);
  return rule.meta.languages.includes(languageFamilyOf(language)) ? rule.check : undefined;
}

export function fileContextFor(path: string, config: ResolvedConfig = DEFAULT_CONFIG): FileContext {
  return contextForPath(
    path,
    (p) => config.testFiles.length > 0 && matchesAnyGlob(p, config.testFiles),
    (p) => config.scriptFiles.length > 0 && matchesAnyGlob(p, config.scriptFiles),
  );
}

/**
 * True when a text can involve Redis at all (mentions it or Jedis, names a workspace module exporting a client, or runs
 * commands on Celery's result backend client).
 */
export function mightUseRedis(text: string, workspace?: ReviewOptions['workspace']): boolean {
  return workspace ? workspace.mightUseRedis(text) : /redis|jedis/i.test(text) || usesCeleryBackendClient(text);
}

/**
 * The confidence of a finding is the confidence of the call it reports on (the call whose method or whole
 * expression holds the reported span); findings on client creations and options are traced, so proven.
 */
function confidenceLookup(sites: readonly RedisCallSite[]): (span: Span) => { confidence: FindingConfidence; evidence?: string } {
  const likely = sites.filter((site) => site.receiver.confidence === 'likely');
  return (span) => {
    const site = likely.find((s) => s.span.startOffset === span.startOffset) ?? likely.find((s) => s.callSpan.startOffset <= span.startOffset && span.endOffset <= s.callSpan.endOffset);
    return site ? { confidence: 'likely', evidence: site.receiver.evidence ?? 'its name suggests a Redis client' } : { confidence: 'proven' };
  };
}

function emptyResult(path: string, config: ResolvedConfig): ReviewResult {
  return { findings: [], callSites: [], writeSites: [], suppressions: [], context: fileContextFor(path, config), truncated: false, ruleErrors: [] };
}

/** Review a tree the caller parsed (the editor passes incrementally re-parsed trees here). */
export function reviewTree(tree: Tree, text: string, options: ReviewOptions): ReviewResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const path = normalizePath(options.path);
  if (!mightUseRedis(text, options.workspace)) return emptyResult(path, config);
  const started = Date.now();
  const deadline = started + (options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const context = fileContextFor(path, config);
  const analysis = analyzeTree(tree, text, { path, language: options.language, context, workspace: options.workspace, deadline, previous: options.previous?.incremental, keepForReuse: options.keepForReuse || options.previous !== undefined });
  return reviewAnalysis(analysis, text, options, context, deadline);
}

/**
 * Runs the rules over an analysis computed earlier from the same text (the lint command reuses the analyses
 * made while building the workspace index for files whose analysis does not depend on it).
 */
export function reviewAnalysis(analysis: FileAnalysis, text: string, options: ReviewOptions, context = fileContextFor(normalizePath(options.path), options.config ?? DEFAULT_CONFIG), deadline = Number.POSITIVE_INFINITY): ReviewResult {
  const config = options.config ?? DEFAULT_CONFIG;
  analysis = { ...analysis, model: { ...analysis.model, context } };
  const findings: Finding[] = [];
  const ruleErrors: ReviewResult['ruleErrors'] = [];
  // Loop calls of helpers count too: one of another file is tied to its helper by evidence, and says which.
  const confidenceOf = confidenceLookup([...analysis.model.callSites, ...analysis.helperCalls, ...(analysis.model.indirectCallSites ?? [])]);
  // One context for all rules of the file (a fresh object with three closures per rule was measurable per file);
  // `report` reads the rule being checked, and rules report only while their check runs.
  let rule: Rule = RULES[0];
  let configured: Severity | undefined;
  let policy: ContextPolicy = 'keep';
  const workspace = options.workspace;
  const ruleContext: RuleContext = {
    model: analysis.model,
    helperCalls: analysis.helperCalls,
    config,
    workspaceKeys: workspace,
    hasWorkspace: workspace !== undefined,
    hasErrorListenerElsewhere: (identity) => workspace?.hasErrorListener(identity) ?? false,
    freshClientFactory: (specifier, name) => {
      const exported = workspace?.exportedClient(analysis.model.path, 'script', specifier, name);
      return exported?.returnsClient && exported.fresh ? exported : undefined;
    },
    luaScript: (relativePath) => workspace?.luaScript(analysis.model.path, relativePath),
    settingsDatabase: (specifier, name) => workspace?.settingsDatabase(analysis.model.path, specifier, name),
    projectHelpers: (name) => (workspace?.isRoundTripHelperName?.(name) ? workspace.roundTripHelpers?.(name) ?? [] : []),
    report(report) {
      let severity: Severity = configured ?? report.severity ?? rule.meta.defaultSeverity;
      if (policy === 'lower') severity = lowerSeverity(severity);
      const template = rule.meta.messages[report.messageId] ?? report.messageId;
      const judged = confidenceOf(report.span);
      const message = formatMessage(template, report.data);
      findings.push({
        ruleId: rule.meta.id,
        code: rule.meta.code,
        severity,
        message: judged.evidence ? `${message} (Likely a Redis client: ${judged.evidence}.)` : message,
        span: report.span,
        related: report.related,
        // A fix that writes a command the target server lacks (HEXPIRE on Redis 7.0) is not offered.
        fixes: fixesOnTarget(report.fixes, config.server),
        confidence: judged.confidence,
        ...(judged.evidence ? { evidence: judged.evidence } : {}),
      });
    },
  };
  for (const candidate of RULES) {
    const setting = config.rules[candidate.meta.id];
    if (setting === 'off') continue;
    const check = checkFor(candidate, options.language);
    if (!check) continue;
    const candidatePolicy = policyFor(candidate, context, config);
    if (candidatePolicy === 'skip') continue;
    rule = candidate;
    configured = setting;
    policy = candidatePolicy;
    try {
      check(ruleContext);
    } catch (error) {
      ruleErrors.push({ ruleId: rule.meta.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const suppressions = parseSuppressions(text);
  const kept = applySuppressions(findings, suppressions);
  if (config.reportUnusedSuppressions) {
    for (const suppression of suppressions) {
      if (suppression.used) continue;
      kept.push({
        ruleId: UNUSED_SUPPRESSION_ID,
        code: 'RR000',
        severity: 'info',
        message: `This redis-review ${suppression.kind} comment${suppression.ruleIds.length ? ` for ${suppression.ruleIds.join(', ')}` : ''} suppresses nothing; remove it.`,
        span: suppression.span,
        fixes: [{ description: 'Remove the unused suppression comment', safe: true, edits: [{ startOffset: suppression.span.startOffset, endOffset: suppression.span.endOffset, newText: '' }] }],
      });
    }
  }
  kept.sort((a, b) => a.span.startOffset - b.span.startOffset || a.ruleId.localeCompare(b.ruleId));
  return {
    findings: kept,
    callSites: analysis.model.callSites,
    writeSites: writeSitesOf(analysis.model),
    suppressions,
    context,
    truncated: analysis.truncated || Date.now() > deadline,
    ruleErrors,
    incremental: analysis.incremental,
  };
}

/** Parse and review a source text. */
export function reviewSource(parsers: Parsers, text: string, options: ReviewOptions): ReviewResult {
  // Files that cannot involve Redis are not even parsed: most files of an application are like that.
  if (!mightUseRedis(text, options.workspace)) return emptyResult(normalizePath(options.path), options.config ?? DEFAULT_CONFIG);
  const tree = parsers.parse(options.language, text);
  try {
    return reviewTree(tree, text, options);
  } finally {
    tree.delete();
  }
}
