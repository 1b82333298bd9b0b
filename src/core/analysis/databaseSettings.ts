/**
 * Database numbers a Python settings module gives (`REDIS_CACHES_DB = 1`, `MEMOIZE_DB_INDEX = 1`,
 * `REDIS_ATTEMPTS_DB = os.environ.get(EnvVarKeys.RedisAttemptsDB, "3")`): the workspace index keeps them, so that a
 * client built in another module with `db=settings.REDIS_CACHES_DB` or `db=config.MEMOIZE_DB_INDEX` is known to sit
 * on a numbered database. Text-based: module-level assignments only (no indentation), of upper-case names that
 * speak of a database, to a number or to an environment lookup whose default is one; and the numbered members of a
 * class named for databases (`class RedisDB(IntEnum): APP_CACHE = 4`, kept as `RedisDB.APP_CACHE`).
 */

/** `REDIS_DB`, `CACHE_DB_INDEX`, `REDIS_DATABASE`, `SESSION_DB_NUM`: a constant named for a database number. */
const DATABASE_NAME = /^[A-Z][A-Z0-9_]*$/;
const SPEAKS_OF_DATABASE = /(?:^|_)(?:DB|DATABASE)(?:_|$)|DB$/;
const ASSIGNMENT = /^([A-Z][A-Z0-9_]*)[ \t]*(?::[ \t]*\w+[ \t]*)?=[ \t]*([^\n#]+?)[ \t]*(?:#[^\n]*)?$/gm;
/**
 * `1`, `int(os.getenv("REDIS_DB", 1))`, `os.environ.get(Keys.Db, "3")`, `env.int("REDIS_DB", default=2)`,
 * `config("REDIS_DB", default=2, cast=int)`: the number itself, or the default of the lookup.
 */
const NUMBER = /^['"]?(\d+)['"]?$/;
const ENVIRONMENT_DEFAULT = /^(?:int\(\s*)?(?:os\.getenv|os\.environ\.get|getenv|environ\.get|env\.int|env|config)\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*(?:default\s*=\s*)?['"]?(\d+)['"]?\s*(?:,\s*cast\s*=\s*int\s*)?\)\s*\)?$/;

/** The database numbers a Python module's top level assigns to constants named for a database (zeros included). */
export function databaseSettingsIn(text: string): Record<string, number> | undefined {
  if (!/DB|Db|DATABASE|Database/.test(text)) return undefined;
  const found: Record<string, number> = {};
  let any = false;
  ASSIGNMENT.lastIndex = 0;
  for (let match = ASSIGNMENT.exec(text); match; match = ASSIGNMENT.exec(text)) {
    const [, name, value] = match;
    if (!DATABASE_NAME.test(name) || !SPEAKS_OF_DATABASE.test(name)) continue;
    const number = NUMBER.exec(value)?.[1] ?? ENVIRONMENT_DEFAULT.exec(value)?.[1];
    if (number === undefined) continue;
    // A module that assigns the name twice (`if DEBUG: REDIS_DB = 1` is indented, but two top-level lines) keeps a non-zero one only if both are.
    const previous = found[name];
    found[name] = previous === undefined ? Number(number) : previous !== 0 && Number(number) !== 0 ? previous : 0;
    any = true;
  }
  // `class RedisDB(IntEnum): APP_CACHE = 4`: a class named for databases numbers each of its members.
  DATABASE_CLASS.lastIndex = 0;
  for (let match = DATABASE_CLASS.exec(text); match; match = DATABASE_CLASS.exec(text)) {
    const [, className, body] = match;
    for (const member of body.matchAll(/^[ \t]+([A-Z][A-Z0-9_]*)[ \t]*(?::[ \t]*\w+[ \t]*)?=[ \t]*(\d+)[ \t]*(?:#[^\n]*)?$/gm)) {
      found[`${className}.${member[1]}`] = Number(member[2]);
      any = true;
    }
  }
  return any ? found : undefined;
}

/** A top-level class named for database numbers (`RedisDB`, `CacheDatabases`, `DbIndex`) and its indented body. */
const DATABASE_CLASS = /^class[ \t]+(\w*(?:DB|Db|Database|DATABASE)\w*)[ \t]*(?:\([^)\n]*\))?[ \t]*:[ \t]*(?:#[^\n]*)?\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)/gm;

/**
 * The module a Python file binds to `name` by an import (`import settings`, `from zou.app import config`,
 * `import app.config as config`), as a dotted specifier; `django.conf.settings` for Django's lazy settings object.
 */
export function importedModuleOf(text: string, name: string): string | undefined {
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
  // `from a.b import c, d as e` and its parenthesised form over several lines.
  const fromImport = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)/gm;
  for (let match = fromImport.exec(text); match; match = fromImport.exec(text)) {
    for (const piece of match[2].replace(/[()]/g, '').replace(/#[^\n]*/g, '').split(',')) {
      const part = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(piece);
      if (!part || (part[2] ?? part[1]) !== name) continue;
      return match[1].endsWith('.') ? `${match[1]}${part[1]}` : `${match[1]}.${part[1]}`;
    }
  }
  const plain = /^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?[ \t]*(?:#[^\n]*)?$/gm;
  for (let match = plain.exec(text); match; match = plain.exec(text)) {
    if ((match[2] ?? match[1]) === name) return match[1];
  }
  return undefined;
}

/** The specifier `importedModuleOf` gives for Django's settings object, whose values live in the project's settings modules. */
export const DJANGO_SETTINGS = 'django.conf.settings';

/** A Django settings module: `settings.py`, or a module of a `settings/` package (`settings/base.py`, `settings/prod.py`). */
export function isDjangoSettingsPath(path: string): boolean {
  return /(?:^|\/)settings(?:\.py|\/[\w]+\.py)$/.test(path);
}
