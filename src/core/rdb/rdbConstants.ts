/** RDB format constants, named as in Redis's src/rdb.h. */

export const ENC_INT8 = 0;
export const ENC_INT16 = 1;
export const ENC_INT32 = 2;
export const ENC_LZF = 3;

export const TYPE_STRING = 0;
export const TYPE_LIST = 1;
export const TYPE_SET = 2;
export const TYPE_ZSET = 3;
export const TYPE_HASH = 4;
export const TYPE_ZSET_2 = 5;
export const TYPE_MODULE_PRE_GA = 6;
export const TYPE_MODULE_2 = 7;
export const TYPE_HASH_ZIPMAP = 9;
export const TYPE_LIST_ZIPLIST = 10;
export const TYPE_SET_INTSET = 11;
export const TYPE_ZSET_ZIPLIST = 12;
export const TYPE_HASH_ZIPLIST = 13;
export const TYPE_LIST_QUICKLIST = 14;
export const TYPE_STREAM_LISTPACKS = 15;
export const TYPE_HASH_LISTPACK = 16;
export const TYPE_ZSET_LISTPACK = 17;
export const TYPE_LIST_QUICKLIST_2 = 18;
export const TYPE_STREAM_LISTPACKS_2 = 19;
export const TYPE_SET_LISTPACK = 20;
export const TYPE_STREAM_LISTPACKS_3 = 21;
export const TYPE_HASH_METADATA_PRE_GA = 22;
export const TYPE_HASH_LISTPACK_EX_PRE_GA = 23;
export const TYPE_HASH_METADATA = 24;
export const TYPE_HASH_LISTPACK_EX = 25;
/** Highest byte that is a value type; opcodes start at 244. */
export const TYPE_LAST = 243;

export const OPCODE_SLOT_INFO = 244;
export const OPCODE_FUNCTION2 = 245;
export const OPCODE_FUNCTION_PRE_GA = 246;
export const OPCODE_MODULE_AUX = 247;
export const OPCODE_IDLE = 248;
export const OPCODE_FREQ = 249;
export const OPCODE_AUX = 250;
export const OPCODE_RESIZEDB = 251;
export const OPCODE_EXPIRETIME_MS = 252;
export const OPCODE_EXPIRETIME = 253;
export const OPCODE_SELECTDB = 254;
export const OPCODE_EOF = 255;

export const MODULE_OPCODE_EOF = 0;
export const MODULE_OPCODE_SINT = 1;
export const MODULE_OPCODE_UINT = 2;
export const MODULE_OPCODE_FLOAT = 3;
export const MODULE_OPCODE_DOUBLE = 4;
export const MODULE_OPCODE_STRING = 5;
