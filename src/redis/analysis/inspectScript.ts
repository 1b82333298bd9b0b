/**
 * The read-only Lua script that inspects a batch of keys in one server call: encoding, type, length, PTTL,
 * MEMORY USAGE (and OBJECT FREQ under LFU) per key, returned as one text line per key. One call per batch
 * replaces 5 pipelined commands per key, which is what makes a full scan faster than redis-cli --memkeys;
 * the batch size bounds how long the call holds the command thread.
 */

/**
 * ARGV[1] = MEMORY USAGE samples ('' = server default of 5, '0' = exact), ARGV[2] = '1' to read OBJECT FREQ,
 * ARGV[3] = 'keys' followed by the keys to inspect (reply: the lines), or 'scan' followed by a SCAN cursor,
 * COUNT, chain bits and chain number (reply: [next cursor, keys, lines]) — scanning inside the call spares
 * sending every key back, and chains let several SCAN walks cover disjoint stretches of one keyspace.
 * The shebang flags let it run on replicas (no-writes) and over keys of many slots. TYPE is asked only when
 * the encoding does not already tell the type (listpack, hashtable, and raw, which module types share with
 * long strings).
 */
export const INSPECT_SCRIPT = `#!lua flags=no-writes,allow-cross-slot-keys
local typeOfEncoding = { embstr = 'string', int = 'string', quicklist = 'list', skiplist = 'zset', intset = 'set', stream = 'stream' }
local lengthCommand = { string = 'STRLEN', hash = 'HLEN', list = 'LLEN', set = 'SCARD', zset = 'ZCARD', stream = 'XLEN' }
local samples = ARGV[1]
local withFreq = ARGV[2] == '1'
local keys, cursor
local function reversed(value, bits)
  local out = 0
  for i = 0, bits - 1 do
    if math.floor(value / 2 ^ i) % 2 == 1 then out = out + 2 ^ (bits - 1 - i) end
  end
  return out
end
if ARGV[3] == 'scan' then
  local start, count, bits, chain = ARGV[4], ARGV[5], tonumber(ARGV[6] or '0'), tonumber(ARGV[7] or '0')
  -- Chain k of 2^bits owns the cursors whose low bits, reversed, equal k (see scanNode.ts).
  local function owns(c)
    return c ~= '0' and reversed(tonumber(string.sub(c, -6)) % 2 ^ bits, bits) == chain
  end
  local lastChain = chain == 2 ^ bits - 1
  local reply = redis.call('SCAN', start, 'COUNT', count)
  cursor = reply[1]
  keys = reply[2]
  if not lastChain and not owns(cursor) then
    -- This step ran past the chain's stretch: redo it one bucket at a time and keep only our buckets.
    local boundary = tostring(reversed(chain + 1, bits))
    keys = {}
    cursor = start
    while true do
      local step = redis.call('SCAN', cursor, 'COUNT', 1)
      if owns(step[1]) or step[1] == boundary then
        for _, key in ipairs(step[2]) do keys[#keys + 1] = key end
        cursor = step[1]
        if step[1] == boundary then break end
      else
        cursor = boundary
        break
      end
    end
  end
else
  keys = {}
  for i = 4, #ARGV do keys[#keys + 1] = ARGV[i] end
end
local out = {}
for i = 1, #keys do
  local key = keys[i]
  local encoding = redis.call('OBJECT', 'ENCODING', key)
  if not encoding then
    out[i] = '-'
  else
    local keyType = typeOfEncoding[encoding] or redis.call('TYPE', key)['ok']
    local length = 0
    local command = lengthCommand[keyType]
    if command then length = redis.call(command, key) end
    local memory
    if samples == '' then memory = redis.call('MEMORY', 'USAGE', key) else memory = redis.call('MEMORY', 'USAGE', key, 'SAMPLES', samples) end
    local line = keyType .. ' ' .. encoding .. ' ' .. redis.call('PTTL', key) .. ' ' .. (memory or 0) .. ' ' .. length
    if withFreq then line = line .. ' ' .. redis.call('OBJECT', 'FREQ', key) end
    out[i] = line
  end
end
if cursor then return { cursor, keys, table.concat(out, '\\n') } end
return table.concat(out, '\\n')`;

/** One parsed script line: undefined when the key vanished between SCAN and inspection. */
export interface InspectedFields {
  type: string;
  encoding: string;
  ttlMs: number;
  memoryBytes: number;
  length: number;
  lfuFrequency?: number;
}

export function parseInspectLine(line: string): InspectedFields | undefined {
  if (line === '-' || line === '') return undefined;
  const [type, encoding, ttl, memory, length, frequency] = line.split(' ');
  const fields: InspectedFields = {
    type, encoding, ttlMs: Number(ttl) < 0 ? -1 : Number(ttl), memoryBytes: Number(memory), length: Number(length),
  };
  if (frequency !== undefined) fields.lfuFrequency = Number(frequency);
  return fields;
}
