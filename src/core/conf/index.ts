/** Public API of the redis.conf support: parser, catalogue, linter and generator. */
export { lintRedisConf, type LintOptions } from './lint';
export { parseRedisConf, looksLikeSentinel, type ParsedConf, type ConfDirective } from './parser';
export { CONF_RULES, confRule } from './registry';
export type { ConfRule } from './rule';
export { allDirectives, anyDirectiveInfo, directiveInfo, sentinelSubcommands, enumValuesFor, serversKnowing, nameOnServer, serverLabel, defaultServerForFile, catalogueSource, DEFAULT_TARGET_SERVER, TARGET_SERVERS, type TargetServer } from './catalogue';
export type { DirectiveInfo } from './catalogueTypes';
export { WORKLOADS, MODES, type Workload, type DeploymentMode } from './workloads';
export { generateRedisConfig, resolveOptions, SECRET_NAMES, DURABILITIES, aclUsers, PROFILES, MASTER_NAME, type GeneratedFile, type GeneratorOptions, type Durability } from './generator/generate';
export { parseMemory, formatMemory } from './values';
