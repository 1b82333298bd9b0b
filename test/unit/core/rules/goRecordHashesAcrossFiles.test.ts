/**
 * Go unbounded-collection-read of a hash that another file of the package writes as a record: every HSET / HMSET /
 * HINCRBY of the key family (`fmt.Sprintf(JobInfo, id)`) names its fields, or names one field per process of the
 * deployment (`fmt.Sprintf("%s_run", LocalHost)`). Tricky negatives stay reported: a family some file writes with a
 * field from data, a field made from a user's id, the same family written in another package, and the reading file
 * alone. The CLI lint agrees with a review against the index, and an index updated in place (the editor's way)
 * answers for the new writes.
 */
import { describe, expect, it } from 'vitest';
import { lintSources } from '../../../../src/cli/lint/lintFiles';
import { DEFAULT_CONFIG } from '../../../../src/core/config';
import { buildWorkspaceIndex, reviewSource, summarizeTree } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';
import { ruleFindingLines, type SourceFile } from './ruleFindingLines';

const { inFile, inWorkspace } = ruleFindingLines();

const JOB: SourceFile = {
  path: 'manager/job/job.go',
  text: [
    'package job',
    '',
    'import (',
    '\t"context"',
    '\t"fmt"',
    '',
    '\t"github.com/redis/go-redis/v9"',
    ')',
    '',
    'const (',
    '\tJobInfo = "JobInfo:%s"',
    '\tJobStat = "JobStat:%s"',
    '\tJobTags = "JobTags:%s"',
    ')',
    '',
    'var LocalHost = "manager-1"',
    '',
    'type Job struct {',
    '\tRds *redis.Client',
    '\tID  string',
    '}',
    '',
    'func (j *Job) Start(ctx context.Context, name string, workers int) {',
    '\tinfoKey := fmt.Sprintf(JobInfo, j.ID)',
    '\tj.Rds.HMSet(ctx, infoKey, map[string]interface{}{',
    '\t\t"id":      j.ID,',
    '\t\t"name":    name,',
    '\t\t"workers": workers,',
    '\t})',
    '\tj.Rds.HSet(ctx, fmt.Sprintf(JobStat, j.ID), fmt.Sprintf("%s_run", LocalHost), "ok")',
    '}',
    '',
    'func (j *Job) Done(ctx context.Context, ok, failed int64) {',
    '\tinfoKey := fmt.Sprintf(JobInfo, j.ID)',
    '\tj.Rds.HIncrBy(ctx, infoKey, "do_ok_count", ok)',
    '\tj.Rds.HSet(ctx, infoKey, "do_failed_count", failed, "state", "done")',
    '}',
    '',
    'func (j *Job) Tag(ctx context.Context, userID, tag string) {',
    '\tj.Rds.HSet(ctx, fmt.Sprintf(JobTags, j.ID), fmt.Sprintf("%s_tag", userID), tag)',
    '}',
    '',
  ].join('\n'),
};

const MANAGE: SourceFile = {
  path: 'manager/job/manage.go',
  text: [
    'package job',
    '',
    'import (',
    '\t"context"',
    '\t"fmt"',
    '',
    '\t"github.com/redis/go-redis/v9"',
    ')',
    '',
    'var Grds *redis.Client',
    '',
    'func GetStat(ctx context.Context, jobID string) map[string]interface{} {',
    '\tinfoKey := fmt.Sprintf(JobInfo, jobID)',
    '\tout := map[string]interface{}{}',
    '\tout["info"] = Grds.HGetAll(ctx, infoKey).Val()',
    '\tout["stat"] = Grds.HGetAll(ctx, fmt.Sprintf(JobStat, jobID)).Val()',
    '\tout["tags"] = Grds.HGetAll(ctx, fmt.Sprintf(JobTags, jobID)).Val()',
    '\treturn out',
    '}',
    '',
  ].join('\n'),
};

/** Another package reading a family of the same name: the job package's writes say nothing of its keys. */
const REPORT: SourceFile = {
  path: 'manager/report/report.go',
  text: 'package report\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nconst JobInfo = "report:%s"\n\nvar Rdb *redis.Client\n\nfunc Load(ctx context.Context, id string) map[string]string {\n\treturn Rdb.HGetAll(ctx, fmt.Sprintf(JobInfo, id)).Val()\n}\n',
};

const PROJECT = [JOB, MANAGE, REPORT];

describe('Go unbounded-collection-read: hashes another file of the package writes as records', () => {
  it('leaves HGETALL of a family written only with named fields or one field per process alone, and reports one with a field from data', () => {
    expect(inWorkspace('unbounded-collection-read', PROJECT, 1)).toEqual([17]);
  });

  it('reports the same reads of the file alone, and a family of the same name in another package', () => {
    expect(inFile('unbounded-collection-read', MANAGE)).toEqual([15, 16, 17]);
    expect(inWorkspace('unbounded-collection-read', PROJECT, 2)).toEqual([15]);
  });

  it('reports the family once a file of the project writes it with a field from data, also in the reading file', () => {
    const computed = { ...JOB, text: JOB.text.replace('"do_failed_count", failed,', 'fmt.Sprintf("%s_failed", userOf(ctx)), failed,') };
    expect(inWorkspace('unbounded-collection-read', [computed, MANAGE, REPORT], 1)).toEqual([15, 17]);
    const readerWrites = { ...MANAGE, text: MANAGE.text.replace('\treturn out\n', '\tGrds.HSet(ctx, infoKey, jobID, 1)\n\treturn out\n') };
    expect(inWorkspace('unbounded-collection-read', [JOB, readerWrites, REPORT], 1)).toEqual([15, 17]);
  });

  it('answers for the writes of an index updated in place, as the editor keeps it', async () => {
    const parsers = await loadParsers();
    const index = buildWorkspaceIndex(parsers, PROJECT);
    const lines = () => reviewSource(parsers, MANAGE.text, { path: MANAGE.path, language: 'go', workspace: index }).findings.filter((f) => f.ruleId === 'unbounded-collection-read').map((f) => f.span.start.line + 1);
    expect(lines()).toEqual([17]);
    const edited = JOB.text.replace('"state", "done"', 'j.ID, "done"');
    const tree = parsers.parse('go', edited);
    try {
      index.update(summarizeTree(tree, edited, JOB.path, 'go', index));
    } finally {
      tree.delete();
    }
    expect(lines()).toEqual([15, 17]);
  });

  it('reports the same lines in the CLI lint', async () => {
    const parsers = await loadParsers();
    const files = PROJECT.map((file) => ({ path: `/project/${file.path}`, projectPath: file.path, displayPath: file.path, text: file.text }));
    const report = lintSources(files, [], { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 10_000 });
    const lines = (path: string) => report.files.find((f) => f.displayPath === path)?.findings.filter((f) => f.ruleId === 'unbounded-collection-read').map((f) => f.span.start.line + 1) ?? [];
    expect(lines(MANAGE.path)).toEqual(inWorkspace('unbounded-collection-read', PROJECT, 1));
    expect(lines(REPORT.path)).toEqual([15]);
  });
});
