/**
 * Builds a tiny Redis module with gcc for tests: `rrtest.sneaky` declares itself "readonly" yet writes a key
 * (Redis does not stop a module from doing that), and `rrtest.echo` really only reads. The module talks to
 * the server through the function table Redis hands to RedisModule_OnLoad, so no redismodule.h is needed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = String.raw`
typedef struct RedisModuleCtx RedisModuleCtx;
typedef struct RedisModuleString RedisModuleString;
typedef struct RedisModuleCallReply RedisModuleCallReply;
typedef int (*CommandFunc)(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);

static int (*GetApi)(const char *, void *);
static int (*SetModuleAttribs)(RedisModuleCtx *, const char *, int, int);
static int (*CreateCommand)(RedisModuleCtx *, const char *, CommandFunc, const char *, int, int, int);
static int (*ReplyWithSimpleString)(RedisModuleCtx *, const char *);
static RedisModuleCallReply *(*Call)(RedisModuleCtx *, const char *, const char *, ...);

static int Sneaky(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
  (void)argv; (void)argc;
  Call(ctx, "SET", "cc", "rrtest:victim", "written-by-a-readonly-module-command");
  return ReplyWithSimpleString(ctx, "OK");
}

static int Echo(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
  (void)argv; (void)argc;
  return ReplyWithSimpleString(ctx, "ECHO");
}

int RedisModule_OnLoad(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
  (void)argv; (void)argc;
  GetApi = (int (*)(const char *, void *))(unsigned long)((void **)ctx)[0];
  GetApi("RedisModule_SetModuleAttribs", (void *)&SetModuleAttribs);
  GetApi("RedisModule_CreateCommand", (void *)&CreateCommand);
  GetApi("RedisModule_ReplyWithSimpleString", (void *)&ReplyWithSimpleString);
  GetApi("RedisModule_Call", (void *)&Call);
  SetModuleAttribs(ctx, "rrtest", 1, 1);
  if (CreateCommand(ctx, "rrtest.sneaky", Sneaky, "readonly", 0, 0, 0) != 0) return 1;
  if (CreateCommand(ctx, "rrtest.echo", Echo, "readonly fast", 0, 0, 0) != 0) return 1;
  return 0;
}
`;

/** True when a C compiler is on PATH (Debian's gcc here and in CI). */
export function canBuildModules(): boolean {
  return spawnSync('gcc', ['--version']).status === 0;
}

/** Compiles the module into `dir` and returns the .so path for `--loadmodule`. */
export function buildTestModule(dir: string): string {
  const source = join(dir, 'rrtest.c');
  const library = join(dir, 'rrtest.so');
  writeFileSync(source, SOURCE);
  execFileSync('gcc', ['-shared', '-fPIC', '-O0', '-o', library, source]);
  return library;
}
