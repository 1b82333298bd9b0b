/** Public surface of the project configuration (pure; file loading lives in src/node/projectConfig.ts). */
export * from './configShape';
export * from './validateConfig';
export { globToRegExp, keyPatternCovered, matchesAnyGlob } from './glob';
export { parseConfigText } from './parseConfigText';
export { DEFAULT_TARGET_SERVER, TARGET_SERVERS, TARGET_SERVER_LABELS, isTargetServer } from '../servers/targetServers';
