/** SARIF 2.1.0 output with rule metadata, as GitHub code scanning accepts it. */
import { pathToFileURL } from 'node:url';
import { CONF_RULES } from '../../core/conf';
import type { Severity } from '../../core/findings';
import { RULES, ruleDocsUrl, ruleMarkdown } from '../../core/review';
import type { LintReport } from './lintFiles';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'problem.severity'?: string };
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function ruleDescriptors(): SarifRule[] {
  const code = RULES.map((rule) => ({
    id: rule.meta.id,
    name: pascal(rule.meta.id),
    shortDescription: { text: rule.meta.docs.summary },
    fullDescription: { text: `${rule.meta.docs.what} ${rule.meta.docs.why}` },
    help: { text: `${rule.meta.docs.fix} See ${ruleDocsUrl(rule.meta.id)}`, markdown: ruleMarkdown(rule) },
    helpUri: ruleDocsUrl(rule.meta.id),
    defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
    properties: { tags: ['redis', rule.meta.category, ...(rule.meta.category === 'security' ? ['security'] : [])], precision: 'high', 'problem.severity': rule.meta.defaultSeverity === 'info' ? 'recommendation' : rule.meta.defaultSeverity },
  }));
  const conf = CONF_RULES.map((rule) => ({
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.rationale },
    help: { text: rule.rationale },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['redis', 'redis.conf', rule.category], precision: 'high' },
  }));
  const seen = new Set<string>();
  return [...code, ...conf].filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

export function formatSarif(report: LintReport, root: string, version: string): string {
  const rules = ruleDescriptors();
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = report.files.flatMap((file) =>
    file.findings.map((f) => ({
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(file.displayPath), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.span.start.line + 1, startColumn: f.span.start.column + 1, endLine: f.span.end.line + 1, endColumn: f.span.end.column + 1 },
          },
        },
      ],
      ...(f.related?.length
        ? {
            relatedLocations: f.related.map((r, i) => ({
              id: i + 1,
              message: { text: r.message },
              physicalLocation: {
                artifactLocation: { uri: encodeURI(file.displayPath), uriBaseId: '%SRCROOT%' },
                region: { startLine: r.span.start.line + 1, startColumn: r.span.start.column + 1, endLine: r.span.end.line + 1, endColumn: r.span.end.column + 1 },
              },
            })),
          }
        : {}),
      partialFingerprints: { primaryLocationLineHash: `${f.ruleId}:${file.displayPath}:${f.span.start.line + 1}` },
      properties: { confidence: f.confidence ?? 'proven', ...(f.evidence ? { evidence: f.evidence } : {}) },
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'redis-review', version, semanticVersion: version, informationUri: 'https://github.com/redis-review/redis-review', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith('/') ? root : `${root}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: report.internalErrors === 0 && report.unreadable.length === 0,
            toolExecutionNotifications: [
              ...report.unreadable.map((entry) => ({
                level: 'error',
                message: { text: `cannot read ${entry.kind} ${entry.displayPath}: ${entry.reason}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(entry.displayPath), uriBaseId: '%SRCROOT%' } } }],
              })),
              ...report.notices.map((text) => ({ level: 'note', message: { text } })),
            ],
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
