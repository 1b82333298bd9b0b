/**
 * The value programs of the streaming RDB parser: what each RDB value type holds and the facts MEMORY USAGE
 * depends on (element counts, blob sizes, allocation sizes of every element string, stream rax nodes and PELs),
 * read one unit at a time (one element, one node, one consumer) so that no value is ever held whole.
 */
import * as allocator from './allocator';
import * as constants from './rdbConstants';
import * as cursor from './rdbCursor';
import { RdbCursor } from './rdbCursor';
import * as text from './rdbText';
import { RaxNodeCounter } from './raxNodeCounter';
import type { RdbKeyFacts, RdbValueType } from './types';

// Local bindings of what the per-key paths use (imported names compiled to CommonJS are read through getters).
const T = { ...constants };
const { EMPTY } = cursor;
const { isCanonicalInteger, latin1 } = text;

/** Steps inside a value. */
const enum Step {
  Count, Elements, StringValue, Blob, ListpackEx, HashMetaStart,
  QuicklistContainer, QuicklistNode,
  StreamListpackKey, StreamListpack, StreamMeta, StreamGroupCount, StreamGroupName, StreamGroupMeta,
  StreamGroupPelCount, StreamGroupPel, StreamConsumerCount, StreamConsumerName, StreamConsumerMeta,
  StreamConsumerPelCount, StreamConsumerPel,
  ModuleId, ModuleOpcode, ModuleSkipValue,
  Finished,
}

export abstract class RdbValueReader extends RdbCursor {
  // Per-key state.
  protected expiresAtMs = -1;
  protected idleSeconds = -1;
  protected lfuFrequency = -1;
  protected keyOffset = -1;
  protected keyBytes: Uint8Array = EMPTY;
  protected valueStart = 0;
  protected step = Step.Finished;
  protected remaining = 0;
  protected remainingInner = 0;
  protected pairPart = 0;
  protected readonly rax = new RaxNodeCounter(16);
  protected readonly pelRax = new RaxNodeCounter(16);
  protected readonly facts: RdbKeyFacts = newFacts();

  /** Allocation sizes as the writing server's allocator rounds them. */
  protected readonly jemallocSize: (size: number) => number;
  protected readonly sdsAllocSize: (length: number) => number;
  protected inModuleAux = false;

  constructor(quantum: allocator.AllocatorQuantum) {
    super();
    this.jemallocSize = allocator.sizeClassOf(quantum);
    this.sdsAllocSize = allocator.sdsSizer(quantum);
  }

  /** The key's facts are complete (the listener gets them). */
  protected abstract emit(): void;

  /** Module AUX data: its opcodes are read as a module value's are, and reported as no key. */
  protected beginModuleAux(name: string): void {
    this.keyBytes = EMPTY;
    this.resetFacts(T.TYPE_MODULE_2);
    this.facts.moduleName = name;
    this.step = Step.ModuleOpcode;
    this.inModuleAux = true;
  }

  protected beginValue(type: number): void {
    this.valueStart = this.base + this.pos - 1;
    this.keyBytes = this.stringBytes(true);
    this.resetFacts(type);
    this.remaining = 0;
    this.remainingInner = 0;
    this.pairPart = 0;
    switch (type) {
      case T.TYPE_STRING: this.step = Step.StringValue; break;
      case T.TYPE_LIST: case T.TYPE_SET: case T.TYPE_ZSET: case T.TYPE_ZSET_2: case T.TYPE_HASH:
      case T.TYPE_HASH_METADATA_PRE_GA: case T.TYPE_LIST_QUICKLIST: case T.TYPE_LIST_QUICKLIST_2:
      case T.TYPE_STREAM_LISTPACKS: case T.TYPE_STREAM_LISTPACKS_2: case T.TYPE_STREAM_LISTPACKS_3:
        this.step = Step.Count; break;
      case T.TYPE_HASH_METADATA: this.step = Step.HashMetaStart; break;
      case T.TYPE_HASH_LISTPACK_EX: this.step = Step.ListpackEx; break;
      case T.TYPE_MODULE_2: this.step = Step.ModuleId; break;
      case T.TYPE_MODULE_PRE_GA:
        throw this.formatError(this.valueStart, `module value of key ${this.keyText()} in the pre-release format (RDB type 6), which is not self-describing`);
      default: this.step = Step.Blob; break;
    }
  }

  protected valueStep(): boolean {
    const f = this.facts;
    const type = f.rdbType;
    switch (this.step) {
      case Step.StringValue: {
        // Short strings are read whole to tell the ones Redis keeps as integers.
        const at = this.pos;
        const length = this.lengthOrEncoding();
        if (this.special < 0 && length <= 20) {
          this.want(length);
          f.length = length;
          f.integerString = isCanonicalInteger(this.b, this.pos, length);
          this.pos += length;
        } else {
          this.pos = at;
          f.length = this.stringLength();
          f.integerString = this.lastWasInteger;
        }
        this.step = Step.Finished;
        break;
      }
      case Step.HashMetaStart:
        this.u64le(); // the smallest field expiry, for future use by Redis
        this.step = Step.Count;
        break;
      case Step.ListpackEx:
        this.u64le();
        this.step = Step.Blob;
        break;
      case Step.Count: {
        this.remaining = this.length('an element count');
        if (type === T.TYPE_STREAM_LISTPACKS || type === T.TYPE_STREAM_LISTPACKS_2 || type === T.TYPE_STREAM_LISTPACKS_3) {
          f.stream.listpacks = this.remaining;
          this.rax.reset();
          this.step = this.remaining > 0 ? Step.StreamListpackKey : Step.StreamMeta;
        } else if (type === T.TYPE_LIST_QUICKLIST || type === T.TYPE_LIST_QUICKLIST_2) {
          f.nodes = this.remaining;
          this.step = this.remaining > 0 ? (type === T.TYPE_LIST_QUICKLIST_2 ? Step.QuicklistContainer : Step.QuicklistNode) : Step.Finished;
        } else {
          f.length = this.remaining;
          this.step = this.remaining > 0 ? Step.Elements : Step.Finished;
        }
        break;
      }
      case Step.Elements:
        this.element(type);
        break;
      case Step.Blob: {
        const at = this.pos;
        const entries = this.blobValue(type, f.encoding);
        f.blobBytes = this.lastBlobBytes;
        f.length = type === T.TYPE_HASH_LISTPACK_EX || type === T.TYPE_HASH_LISTPACK_EX_PRE_GA ? entries / 3
          : type === T.TYPE_ZSET_ZIPLIST || type === T.TYPE_ZSET_LISTPACK || type === T.TYPE_HASH_ZIPLIST || type === T.TYPE_HASH_LISTPACK ? entries / 2
            : entries;
        if (!Number.isInteger(f.length)) throw this.formatError(at, `${f.encoding} of key ${this.keyText()} holds ${entries} entries, not whole ${type === T.TYPE_HASH_LISTPACK_EX ? 'triples' : 'pairs'}`);
        this.step = Step.Finished;
        break;
      }
      case Step.QuicklistContainer: {
        const container = this.length('a quicklist node container');
        if (container !== 1 && container !== 2) throw this.formatError(this.pos - 1, `quicklist node container ${container} (1 plain or 2 packed expected)`);
        this.pairPart = container;
        this.step = Step.QuicklistNode;
        break;
      }
      case Step.QuicklistNode: {
        if (this.pairPart === 1) {
          // A plain node: one big element stored as it is.
          const length = this.stringLength();
          f.nodeAllocBytes += this.jemallocSize(length);
          f.length += 1;
        } else if (type === T.TYPE_LIST_QUICKLIST_2) {
          const at = this.pos;
          const entries = this.nodeString(false, 'quicklist node');
          if (entries === 0) throw this.formatError(at, `empty quicklist node in key ${this.keyText()}`);
          f.nodeAllocBytes += this.jemallocSize(this.lastBlobBytes);
          f.blobBytes += this.lastBlobBytes;
          f.length += entries;
        } else {
          const at = this.pos;
          const entries = this.nodeString(true, 'quicklist node');
          if (entries === 0) throw this.formatError(at, `empty quicklist node in key ${this.keyText()}`);
          f.nodeAllocBytes += this.jemallocSize(this.lastBlobBytes);
          f.blobBytes += this.lastBlobBytes;
          f.length += entries;
        }
        this.remaining--;
        this.step = this.remaining === 0 ? Step.Finished : type === T.TYPE_LIST_QUICKLIST_2 ? Step.QuicklistContainer : Step.QuicklistNode;
        break;
      }
      case Step.ModuleId: {
        f.moduleName = this.moduleId();
        f.encoding = `module:${f.moduleName}`;
        this.step = Step.ModuleOpcode;
        break;
      }
      case Step.ModuleOpcode: {
        const at = this.pos;
        const opcode = this.length('a module opcode');
        switch (opcode) {
          case T.MODULE_OPCODE_EOF: this.step = Step.Finished; break;
          case T.MODULE_OPCODE_SINT: case T.MODULE_OPCODE_UINT: this.length('a module integer'); break;
          case T.MODULE_OPCODE_FLOAT: this.want(4); this.pos += 4; break;
          case T.MODULE_OPCODE_DOUBLE: this.want(8); this.pos += 8; break;
          case T.MODULE_OPCODE_STRING: this.step = Step.ModuleSkipValue; break;
          default: throw this.formatError(at, `module "${f.moduleName}" data of ${this.keyBytes.length ? `key ${this.keyText()}` : 'module AUX'} has the unknown opcode ${opcode}`);
        }
        break;
      }
      case Step.ModuleSkipValue:
        this.stringLength();
        this.step = Step.ModuleOpcode;
        break;
      default:
        this.streamStep();
        break;
    }
    if (this.step === Step.Finished) {
      this.emit();
    }
    return true;
  }

  /** One element (or one half of a pair) of the hashtable-style encodings. */
  protected element(type: number): void {
    const f = this.facts;
    switch (type) {
      case T.TYPE_LIST: case T.TYPE_SET:
        f.elementAllocBytes += this.sdsAllocSize(this.stringLength());
        if (this.lastWasInteger) f.integerElements++;
        this.remaining--;
        break;
      case T.TYPE_ZSET: case T.TYPE_ZSET_2:
        if (this.pairPart === 0) {
          f.elementAllocBytes += this.sdsAllocSize(this.stringLength());
          this.pairPart = 1;
        } else {
          if (type === T.TYPE_ZSET_2) {
            this.want(8);
            this.pos += 8;
          } else {
            const length = this.u8();
            if (length < 253) {
              this.want(length);
              this.pos += length;
            }
          }
          this.pairPart = 0;
          this.remaining--;
        }
        break;
      case T.TYPE_HASH:
        f.elementAllocBytes += this.sdsAllocSize(this.stringLength());
        if (this.pairPart === 0) this.pairPart = 1;
        else (this.pairPart = 0), this.remaining--;
        break;
      default: // hash with field expiry: [ttl][field][value]
        if (this.pairPart === 0) {
          if (this.length('a field expiry') !== 0) f.fieldsWithTtl++;
          this.pairPart = 1;
        } else {
          f.elementAllocBytes += this.sdsAllocSize(this.stringLength());
          if (this.pairPart === 1) this.pairPart = 2;
          else (this.pairPart = 0), this.remaining--;
        }
        break;
    }
    if (this.remaining === 0) this.step = Step.Finished;
  }

  protected streamStep(): void {
    const f = this.facts;
    const s = f.stream;
    const type = f.rdbType;
    switch (this.step) {
      case Step.StreamListpackKey: {
        const at = this.pos;
        const id = this.stringBytes();
        if (id.length !== 16) throw this.formatError(at, `stream node key of ${id.length} bytes (16 expected) in key ${this.keyText()}`);
        this.rax.add(id, 0);
        this.step = Step.StreamListpack;
        break;
      }
      case Step.StreamListpack: {
        const at = this.pos;
        if (this.nodeString(false, 'stream listpack') === 0) throw this.formatError(at, `empty listpack in stream ${this.keyText()}`);
        const bytes = this.lastBlobBytes;
        s.listpackBytes += bytes;
        s.lastListpackBytes = bytes;
        s.listpackAllocBytes += this.jemallocSize(bytes);
        this.remaining--;
        this.step = this.remaining > 0 ? Step.StreamListpackKey : Step.StreamMeta;
        break;
      }
      case Step.StreamMeta: {
        s.raxNodes = this.rax.nodes;
        f.length = this.length('the stream length');
        this.length('the last ID'); this.length('the last ID');
        if (type >= T.TYPE_STREAM_LISTPACKS_2) {
          this.length('the first ID'); this.length('the first ID');
          this.length('the max deleted ID'); this.length('the max deleted ID');
          this.length('entries added');
        }
        this.step = Step.StreamGroupCount;
        break;
      }
      case Step.StreamGroupCount:
        s.groups = this.remaining = this.length('the consumer group count');
        this.step = this.remaining > 0 ? Step.StreamGroupName : Step.Finished;
        break;
      case Step.StreamGroupName:
        this.stringLength();
        this.step = Step.StreamGroupMeta;
        break;
      case Step.StreamGroupMeta:
        this.length('a group last ID'); this.length('a group last ID');
        if (type >= T.TYPE_STREAM_LISTPACKS_2) this.length('a group offset');
        this.step = Step.StreamGroupPelCount;
        break;
      case Step.StreamGroupPelCount:
        this.remainingInner = this.length('a group PEL size');
        s.groupPelEntries += this.remainingInner;
        this.pelRax.reset();
        this.step = this.remainingInner > 0 ? Step.StreamGroupPel : Step.StreamConsumerCount;
        break;
      case Step.StreamGroupPel:
        this.want(16);
        this.pelRax.add(this.b, this.pos);
        this.pos += 16;
        this.u64le(); // delivery time
        this.length('a delivery count');
        if (--this.remainingInner === 0) {
          s.groupPelRaxNodes += this.pelRax.nodes;
          this.step = Step.StreamConsumerCount;
        }
        break;
      case Step.StreamConsumerCount:
        this.remainingInner = this.length('a consumer count');
        s.consumers += this.remainingInner;
        this.step = this.remainingInner > 0 ? Step.StreamConsumerName : this.nextGroup();
        break;
      case Step.StreamConsumerName:
        s.consumerNameBytes += this.stringLength();
        this.step = Step.StreamConsumerMeta;
        break;
      case Step.StreamConsumerMeta:
        this.u64le(); // seen time
        if (type >= T.TYPE_STREAM_LISTPACKS_3) this.u64le(); // active time
        this.step = Step.StreamConsumerPelCount;
        break;
      case Step.StreamConsumerPelCount:
        this.pairPart = this.length('a consumer PEL size');
        s.consumerPelEntries += this.pairPart;
        this.pelRax.reset();
        this.step = this.pairPart > 0 ? Step.StreamConsumerPel : this.nextConsumer();
        break;
      case Step.StreamConsumerPel:
        this.want(16);
        this.pelRax.add(this.b, this.pos);
        this.pos += 16;
        if (--this.pairPart === 0) {
          s.consumerPelRaxNodes += this.pelRax.nodes;
          this.step = this.nextConsumer();
        }
        break;
      default:
        throw this.formatError(this.pos, `internal parser state ${this.step}`);
    }
  }

  protected nextConsumer(): Step {
    return --this.remainingInner > 0 ? Step.StreamConsumerName : this.nextGroup();
  }

  protected nextGroup(): Step {
    return --this.remaining > 0 ? Step.StreamGroupName : Step.Finished;
  }


  protected resetFacts(type: number): void {
    const f = this.facts;
    f.rdbType = type;
    f.type = VALUE_TYPES[type]![0];
    f.encoding = VALUE_TYPES[type]![1];
    f.length = 0;
    f.integerString = false;
    f.blobBytes = 0;
    f.nodes = 0;
    f.nodeAllocBytes = 0;
    f.elementAllocBytes = 0;
    f.fieldsWithTtl = 0;
    f.integerElements = 0;
    f.moduleName = '';
    const s = f.stream;
    s.listpacks = s.raxNodes = s.listpackBytes = s.lastListpackBytes = s.listpackAllocBytes = 0;
    s.groups = s.groupPelEntries = s.groupPelRaxNodes = s.consumers = s.consumerNameBytes = s.consumerPelEntries = s.consumerPelRaxNodes = 0;
  }


  protected keyText(): string {
    const text = latin1(this.keyBytes.subarray(0, 60));
    return JSON.stringify(this.keyBytes.length > 60 ? text + '…' : text);
  }

}

/** RDB type byte → [TYPE name, encoding as stored]. */
export const VALUE_TYPES: Array<[RdbValueType, string] | undefined> = [];
VALUE_TYPES[T.TYPE_STRING] = ['string', 'string'];
VALUE_TYPES[T.TYPE_LIST] = ['list', 'linkedlist'];
VALUE_TYPES[T.TYPE_SET] = ['set', 'hashtable'];
VALUE_TYPES[T.TYPE_ZSET] = ['zset', 'skiplist'];
VALUE_TYPES[T.TYPE_HASH] = ['hash', 'hashtable'];
VALUE_TYPES[T.TYPE_ZSET_2] = ['zset', 'skiplist'];
VALUE_TYPES[T.TYPE_MODULE_PRE_GA] = ['module', 'module'];
VALUE_TYPES[T.TYPE_MODULE_2] = ['module', 'module'];
VALUE_TYPES[T.TYPE_HASH_ZIPMAP] = ['hash', 'zipmap'];
VALUE_TYPES[T.TYPE_LIST_ZIPLIST] = ['list', 'ziplist'];
VALUE_TYPES[T.TYPE_SET_INTSET] = ['set', 'intset'];
VALUE_TYPES[T.TYPE_ZSET_ZIPLIST] = ['zset', 'ziplist'];
VALUE_TYPES[T.TYPE_HASH_ZIPLIST] = ['hash', 'ziplist'];
VALUE_TYPES[T.TYPE_LIST_QUICKLIST] = ['list', 'quicklist'];
VALUE_TYPES[T.TYPE_STREAM_LISTPACKS] = ['stream', 'stream'];
VALUE_TYPES[T.TYPE_HASH_LISTPACK] = ['hash', 'listpack'];
VALUE_TYPES[T.TYPE_ZSET_LISTPACK] = ['zset', 'listpack'];
VALUE_TYPES[T.TYPE_LIST_QUICKLIST_2] = ['list', 'quicklist'];
VALUE_TYPES[T.TYPE_STREAM_LISTPACKS_2] = ['stream', 'stream'];
VALUE_TYPES[T.TYPE_SET_LISTPACK] = ['set', 'listpack'];
VALUE_TYPES[T.TYPE_STREAM_LISTPACKS_3] = ['stream', 'stream'];
VALUE_TYPES[T.TYPE_HASH_METADATA_PRE_GA] = ['hash', 'hashtable'];
VALUE_TYPES[T.TYPE_HASH_LISTPACK_EX_PRE_GA] = ['hash', 'listpackex'];
VALUE_TYPES[T.TYPE_HASH_METADATA] = ['hash', 'hashtable'];
VALUE_TYPES[T.TYPE_HASH_LISTPACK_EX] = ['hash', 'listpackex'];

function newFacts(): RdbKeyFacts {
  return {
    offset: 0, db: 0, key: EMPTY, type: 'string', rdbType: 0, encoding: 'string', length: 0, expiresAtMs: -1, idleSeconds: -1,
    lfuFrequency: -1, valueBytes: 0, integerString: false, blobBytes: 0, nodes: 0, nodeAllocBytes: 0, elementAllocBytes: 0,
    fieldsWithTtl: 0, integerElements: 0, moduleName: '',
    stream: {
      listpacks: 0, raxNodes: 0, listpackBytes: 0, lastListpackBytes: 0, listpackAllocBytes: 0, groups: 0, groupPelEntries: 0,
      groupPelRaxNodes: 0, consumers: 0, consumerNameBytes: 0, consumerPelEntries: 0, consumerPelRaxNodes: 0,
    },
  };
}
