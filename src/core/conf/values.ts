/** Value grammar of redis.conf arguments (memory units, strict integers, yes/no, enums) as Redis 7.0 validates them. */
import { enumValuesFor } from './catalogue';
import type { DirectiveInfo } from './catalogueTypes';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3 };

/** Bytes of a memory value ("1gb", "100mb", "1k", "1024"), or undefined when Redis would reject it. */
export function parseMemory(value: string): number | undefined {
  const match = /^(\d+)([a-z]*)$/i.exec(value);
  if (!match) return undefined;
  const unitName = match[2].toLowerCase();
  // Own properties only: `1constructor` is not a size.
  const unit = Object.hasOwn(UNITS, unitName) ? UNITS[unitName] : undefined;
  return unit === undefined ? undefined : Number(match[1]) * unit;
}

/** Human form of a byte count using Redis units (1gb, 512mb, 64kb). */
export function formatMemory(bytes: number): string {
  for (const [unit, size] of [['gb', 1024 ** 3], ['mb', 1024 ** 2], ['kb', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** Integers as Redis' string2ll accepts them: optional minus, no plus sign, no leading zeros. */
export function parseStrictInteger(value: string): number | undefined {
  return /^(0|-?[1-9]\d*)$/.test(value) ? Number(value) : undefined;
}

export function parseBool(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  return lower === 'yes' ? true : lower === 'no' ? false : undefined;
}

const KEYSPACE_EVENT_CLASSES = 'Ag$lshzxeKEtmdn';
const COBL_CLASSES = ['normal', 'replica', 'slave', 'pubsub'];

function validateSpecial(name: string, args: string[]): string | undefined {
  switch (name) {
    case 'save': {
      const words = args.length === 1 ? args[0].split(/\s+/).filter(Boolean) : args;
      if (words.length === 0) return undefined;
      if (words.length % 2 !== 0) return 'save takes pairs of <seconds> <changes> (or "" to disable snapshots)';
      const bad = words.find((word) => parseStrictInteger(word) === undefined || Number(word) < 0);
      return bad === undefined ? undefined : `"${bad}" is not a non-negative integer in a save point`;
    }
    case 'client-output-buffer-limit': {
      if (args.length % 4 !== 0) return 'client-output-buffer-limit takes groups of <class> <hard> <soft> <seconds>';
      for (let i = 0; i < args.length; i += 4) {
        if (!COBL_CLASSES.includes(args[i].toLowerCase())) return `unknown client class "${args[i]}" (normal, replica, pubsub)`;
        if (parseMemory(args[i + 1]) === undefined || parseMemory(args[i + 2]) === undefined) return 'hard and soft limits must be memory values';
        if (parseStrictInteger(args[i + 3]) === undefined || Number(args[i + 3]) < 0) return 'soft seconds must be a non-negative integer';
      }
      return undefined;
    }
    case 'oom-score-adj-values': {
      const bad = args.find((arg) => parseStrictInteger(arg) === undefined || Math.abs(Number(arg)) > 2000);
      return bad === undefined ? undefined : `"${bad}" is not an integer between -2000 and 2000`;
    }
    case 'latency-tracking-info-percentiles': {
      const bad = args.find((arg) => !/^\d+(\.\d+)?$/.test(arg) || Number(arg) > 100);
      return bad === undefined ? undefined : `"${bad}" is not a percentile between 0 and 100`;
    }
    case 'notify-keyspace-events': {
      const bad = [...args[0]].find((ch) => !KEYSPACE_EVENT_CLASSES.includes(ch));
      return bad === undefined ? undefined : `"${bad}" is not an event class (use characters of ${KEYSPACE_EVENT_CLASSES})`;
    }
    case 'replicaof':
    case 'slaveof': {
      if (args[0].toLowerCase() === 'no' && args[1].toLowerCase() === 'one') return undefined;
      const port = parseStrictInteger(args[1]);
      return port !== undefined && port > 0 && port < 65536 ? undefined : `"${args[1]}" is not a valid master port`;
    }
    default:
      return undefined;
  }
}

/** Why Redis would reject these arguments for this directive, or undefined when it accepts them. */
export function invalidValueReason(info: DirectiveInfo, args: string[]): string | undefined {
  if (info.type === 'special') return validateSpecial(info.name, args);
  const value = args[0] ?? '';
  switch (info.type) {
    case 'bool':
      return parseBool(value) === undefined ? `must be yes or no, not "${value}"` : undefined;
    case 'enum': {
      // Values of newer releases are left to conf-unsupported-version, which names the release.
      const allowed = info.values ?? [];
      // Some enums take several flags at once (shutdown-on-sigterm "nosave now").
      const bad = value.split(/\s+/).find((word) => !allowed.includes(word.toLowerCase()));
      return bad === undefined ? undefined : `"${bad}" is not one of: ${enumValuesFor(info).join(', ')}`;
    }
    case 'integer': {
      const number = info.name === 'unixsocketperm' ? (/^[0-7]+$/.test(value) ? parseInt(value, 8) : undefined) : parseStrictInteger(value);
      if (number === undefined) return `"${value}" is not an integer (no units, signs or leading zeros)`;
      if (info.min !== undefined && number < info.min) return `must be at least ${info.min}`;
      if (info.max !== undefined && number > info.max) return `must be at most ${info.max}`;
      return undefined;
    }
    case 'memory': {
      if (info.percent && /^\d+%$/.test(value)) return undefined;
      return parseMemory(value) === undefined
        ? `"${value}" is not a memory value (a whole number with an optional unit: b, k, kb, m, mb, g, gb${info.percent ? ', or a percentage' : ''})`
        : undefined;
    }
    default:
      return undefined;
  }
}
