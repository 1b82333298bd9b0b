/**
 * The read-only Lua script that inspects a batch of keys in one server call: encoding, type, length, PTTL,
 * MEMORY USAGE (and OBJECT FREQ under LFU) per key, returned as a flat array. One call per batch
 * replaces 5 pipelined commands per key, which is what makes a full scan faster than redis-cli --memkeys;
 * the batch size bounds how long the call holds the command thread.
 */

/**
 * ARGV[1] = how to size: '' = MEMORY USAGE with the server default of 5 samples; 'exact:N:B' = SAMPLES 0 for keys
 * of at most N elements, default sampling above (SAMPLES 0 is O(elements): a 2M-field hash held the server for
 * ~0.5 s), and at most B elements walked per call — the call then stops early and answers only the keys it did,
 * the caller sends the rest again (a size-aware batch); 'none' = no MEMORY USAGE at all (refused: the caller
 * estimates; bytes read -1). ARGV[2] = '1' to read OBJECT FREQ,
 * ARGV[3] = 'keys' followed by the keys to inspect (reply: the values), or 'scan' followed by a SCAN cursor,
 * COUNT, chain bits and chain number (reply: [next cursor, keys, values]) — scanning inside the call spares
 * sending every key back, and chains let several SCAN walks cover disjoint stretches of one keyspace.
 * The shebang flags let it run on replicas (no-writes) and over keys of many slots. TYPE is asked only when
 * the encoding does not already tell the type (listpack, hashtable, and raw, which module types share with
 * long strings).
 */
export const INSPECT_SCRIPT = `#!lua flags=no-writes,allow-cross-slot-keys
local typeOfEncoding = { embstr = 'string', int = 'string', quicklist = 'list', skiplist = 'zset', intset = 'set', stream = 'stream' }
local lengthCommand = { string = 'STRLEN', hash = 'HLEN', list = 'LLEN', set = 'SCARD', zset = 'ZCARD', stream = 'XLEN' }
local sizing = ARGV[1]
local exactUpTo, exactBudget
do
  local limit, budget = string.match(sizing, '^exact:(%d+):(%d+)$')
  exactUpTo, exactBudget = tonumber(limit), tonumber(budget)
end
-- Encodings whose exact size is a walk over the elements (the others answer from a header in O(1)).
local walked = { hashtable = true, skiplist = true, quicklist = true, stream = true }
local spent = 0
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
-- Five values per key, flat (type, encoding, PTTL, bytes, length [, LFU counter]): building one string per key
-- costs the server more than letting Redis encode the array. A vanished key yields false in its type slot.
local call = redis.call
local width = withFreq and 6 or 5
local out = {}
local n = 0
for i = 1, #keys do
  local key = keys[i]
  local encoding = call('OBJECT', 'ENCODING', key)
  if not encoding then
    for j = 1, width do out[n + j] = false end
  else
    local keyType = typeOfEncoding[encoding] or call('TYPE', key)['ok']
    local command = lengthCommand[keyType]
    out[n + 1] = keyType
    out[n + 2] = encoding
    out[n + 3] = call('PTTL', key)
    local length = 0
    if command then length = call(command, key) end
    out[n + 5] = length
    if sizing == 'none' then
      out[n + 4] = -1
    elseif exactUpTo and (keyType == 'string' or length <= exactUpTo) then
      local cost = walked[encoding] and length or 1
      if i > 1 and spent + cost > exactBudget then
        -- Budget spent: drop this key's partial row and answer the keys done so far.
        for j = n + 1, n + width do out[j] = nil end
        break
      end
      spent = spent + cost
      out[n + 4] = call('MEMORY', 'USAGE', key, 'SAMPLES', 0) or 0
    else
      out[n + 4] = call('MEMORY', 'USAGE', key) or 0
    end
    if withFreq then out[n + 6] = call('OBJECT', 'FREQ', key) end
  end
  n = n + width
end
if cursor then return { cursor, keys, out } end
return out`;

/** One key's fields; undefined when the key vanished between SCAN and inspection. */
export interface InspectedFields {
  type: string;
  encoding: string;
  ttlMs: number;
  memoryBytes: number;
  length: number;
  lfuFrequency?: number;
}

const text = (value: unknown): string => (Buffer.isBuffer(value) ? value.toString('latin1') : String(value));

/** Split the script's flat reply (5 values per key, 6 with LFU counters) into per-key fields. */
export function parseInspectValues(values: unknown[], withFrequency: boolean): Array<InspectedFields | undefined> {
  const width = withFrequency ? 6 : 5;
  const out: Array<InspectedFields | undefined> = [];
  for (let i = 0; i + width <= values.length; i += width) {
    const type = values[i];
    if (type === null || type === undefined || type === false) {
      out.push(undefined);
      continue;
    }
    const ttl = Number(values[i + 2]);
    const fields: InspectedFields = { type: text(type), encoding: text(values[i + 1]), ttlMs: ttl < 0 ? -1 : ttl, memoryBytes: Number(values[i + 3]), length: Number(values[i + 4]) };
    if (withFrequency) fields.lfuFrequency = Number(values[i + 5]);
    out.push(fields);
  }
  return out;
}
