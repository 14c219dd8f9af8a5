/**
 * A restricted unpickler for PyTorch state dicts. It never calls anything: it understands the
 * opcodes a state dict uses and only these globals, each interpreted by us —
 *   collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter,
 *   torch.{Float,Half,BFloat16}Storage (as persistent-id storage types).
 * Any other global (os.system, builtins.eval, …) or opcode refuses the file, so a malicious
 * pickle cannot run code here.
 * @module
 */
import { CheckpointError } from './byteSource';

export interface StorageRef {
  kind: 'storage';
  /** safetensors spelling of the element type. */
  dtype: 'F32' | 'F16' | 'BF16';
  key: string;
  numel: number;
}

export interface TensorRef {
  kind: 'tensor';
  storage: StorageRef;
  offset: number;
  shape: number[];
  stride: number[];
}

class Tuple {
  constructor(readonly items: PyValue[]) {}
}
class Global {
  constructor(readonly path: string) {}
}
class Mark {}
type PyValue = null | boolean | number | string | Tuple | Map<string, PyValue> | PyValue[] | Global | StorageRef | TensorRef;

const STORAGE_DTYPES: Record<string, StorageRef['dtype']> = {
  'torch.FloatStorage': 'F32',
  'torch.HalfStorage': 'F16',
  'torch.BFloat16Storage': 'BF16',
};
const ALLOWED_GLOBALS = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  ...Object.keys(STORAGE_DTYPES),
]);
const OTHER_STORAGES = /^torch\.(\w+)Storage$/;

const isTensor = (v: PyValue): v is TensorRef => typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v && v.kind === 'tensor';
const isStorage = (v: PyValue): v is StorageRef => typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v && v.kind === 'storage';

function intList(value: PyValue, what: string): number[] {
  if (!(value instanceof Tuple) || !value.items.every((i) => typeof i === 'number')) throw new CheckpointError(`malformed tensor ${what}`);
  return value.items as number[];
}

/** Parse `data.pkl` of a torch.save zip archive into name → tensor reference. */
export function unpickleStateDict(bytes: Uint8Array, fileName: string): Map<string, TensorRef> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: (PyValue | Mark)[] = [];
  const memo = new Map<number, PyValue>();
  let at = 0;
  const fail = (why: string): never => {
    throw new CheckpointError(`${fileName}: ${why}`);
  };
  const need = (n: number) => {
    if (at + n > bytes.byteLength) fail('the pickled state dict is truncated');
  };
  const u8 = () => (need(1), bytes[at++]);
  const u16 = () => (need(2), (at += 2), view.getUint16(at - 2, true));
  const u32 = () => (need(4), (at += 4), view.getUint32(at - 4, true));
  const text = (n: number) => (need(n), (at += n), new TextDecoder().decode(bytes.subarray(at - n, at)));
  const line = () => {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) fail('the pickled state dict is truncated');
    const s = new TextDecoder().decode(bytes.subarray(at, end));
    at = end + 1;
    return s;
  };
  const pop = (): PyValue => {
    const v = stack.pop();
    if (v === undefined || v instanceof Mark) return fail('malformed pickle (stack underflow)');
    return v;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v instanceof Mark) return fail('malformed pickle (stack underflow)');
    return v;
  };
  const popMark = (): PyValue[] => {
    let i = stack.length - 1;
    while (i >= 0 && !(stack[i] instanceof Mark)) i--;
    if (i < 0) fail('malformed pickle (no mark)');
    const items = stack.splice(i + 1) as PyValue[];
    stack.pop();
    return items;
  };
  const global = (path: string): Global => {
    if (ALLOWED_GLOBALS.has(path)) return new Global(path);
    const storage = OTHER_STORAGES.exec(path);
    if (storage) return fail(`a weight is stored as ${storage[1]}; only float32, float16 and bfloat16 weights are supported`);
    return fail(`the pickle refers to ${path}, which a state dict never needs; refusing to load it (it could run code)`);
  };
  const setItems = (target: PyValue, items: PyValue[]) => {
    if (!(target instanceof Map)) fail('malformed pickle (items set on a non-dict)');
    const dict = target as Map<string, PyValue>;
    for (let i = 0; i + 1 < items.length; i += 2) dict.set(String(items[i]), items[i + 1]);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80:
        u8();
        break; // PROTO
      case 0x95:
        need(8);
        at += 8;
        break; // FRAME
      case 0x2e: {
        // STOP
        const result = pop();
        let dict = result instanceof Map ? result : fail('the pickle does not hold a state dict');
        const nested = dict.get('state_dict');
        if (nested instanceof Map) dict = nested;
        const tensors = new Map<string, TensorRef>();
        for (const [name, value] of dict) if (isTensor(value)) tensors.set(name, value);
        return tensors;
      }
      case 0x28:
        stack.push(new Mark());
        break; // MARK
      case 0x7d:
        stack.push(new Map());
        break; // EMPTY_DICT
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x29:
        stack.push(new Tuple([]));
        break; // EMPTY_TUPLE
      case 0x74:
        stack.push(new Tuple(popMark()));
        break; // TUPLE
      case 0x85:
        stack.push(new Tuple([pop()]));
        break; // TUPLE1
      case 0x86: {
        const b = pop();
        stack.push(new Tuple([pop(), b]));
        break;
      } // TUPLE2
      case 0x87: {
        const c = pop();
        const b = pop();
        stack.push(new Tuple([pop(), b, c]));
        break;
      } // TUPLE3
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break; // NEWTRUE
      case 0x89:
        stack.push(false);
        break; // NEWFALSE
      case 0x4b:
        stack.push(u8());
        break; // BININT1
      case 0x4d:
        stack.push(u16());
        break; // BININT2
      case 0x4a: {
        need(4);
        stack.push(view.getInt32(at, true));
        at += 4;
        break;
      } // BININT
      case 0x8a: {
        // LONG1
        const n = u8();
        need(n);
        let value = 0n;
        for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[at + i]);
        if (n > 0 && bytes[at + n - 1] & 0x80) value -= 1n << BigInt(8 * n);
        at += n;
        stack.push(Number(value));
        break;
      }
      case 0x47: {
        need(8);
        stack.push(view.getFloat64(at, false));
        at += 8;
        break;
      } // BINFLOAT
      case 0x58:
        stack.push(text(u32()));
        break; // BINUNICODE
      case 0x8c:
        stack.push(text(u8()));
        break; // SHORT_BINUNICODE
      case 0x63:
        stack.push(global(`${line()}.${line()}`));
        break; // GLOBAL
      case 0x93: {
        const name = pop();
        const module = pop();
        stack.push(global(`${module}.${name}`));
        break;
      } // STACK_GLOBAL
      case 0x71:
        memo.set(u8(), top());
        break; // BINPUT
      case 0x72:
        memo.set(u32(), top());
        break; // LONG_BINPUT
      case 0x94:
        memo.set(memo.size, top());
        break; // MEMOIZE
      case 0x68:
      case 0x6a: {
        // BINGET, LONG_BINGET
        const key = op === 0x68 ? u8() : u32();
        if (!memo.has(key)) fail('malformed pickle (unknown memo entry)');
        stack.push(memo.get(key) as PyValue);
        break;
      }
      case 0x73: {
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      } // SETITEM
      case 0x75: {
        const items = popMark();
        setItems(top(), items);
        break;
      } // SETITEMS
      case 0x61: {
        const value = pop();
        const list = top();
        if (!Array.isArray(list)) fail('malformed pickle');
        (list as PyValue[]).push(value);
        break;
      } // APPEND
      case 0x65: {
        const items = popMark();
        const list = top();
        if (!Array.isArray(list)) fail('malformed pickle');
        (list as PyValue[]).push(...items);
        break;
      } // APPENDS
      case 0x62: {
        pop();
        if (!(top() instanceof Map)) fail('the pickle sets state on an object other than a dict');
        break;
      } // BUILD: OrderedDict's _metadata, unused
      case 0x51: {
        // BINPERSID: ('storage', storage type, key, location, numel)
        const id = pop();
        if (
          !(id instanceof Tuple) ||
          id.items[0] !== 'storage' ||
          !(id.items[1] instanceof Global) ||
          typeof id.items[2] !== 'string' ||
          typeof id.items[4] !== 'number'
        ) {
          fail('malformed storage reference in the pickle');
        }
        const items = (id as Tuple).items;
        stack.push({
          kind: 'storage',
          dtype: STORAGE_DTYPES[(items[1] as Global).path] ?? fail('unsupported storage type'),
          key: items[2] as string,
          numel: items[4] as number,
        });
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop();
        if (!(callable instanceof Global) || !(args instanceof Tuple)) return fail('malformed pickle (bad call)');
        if (callable.path === 'collections.OrderedDict') stack.push(new Map());
        else if (callable.path === 'torch._utils._rebuild_tensor_v2') {
          const [storage, offset] = args.items;
          if (!isStorage(storage) || typeof offset !== 'number') fail('malformed tensor in the pickle');
          stack.push({
            kind: 'tensor',
            storage: storage as StorageRef,
            offset: offset as number,
            shape: intList(args.items[2], 'shape'),
            stride: intList(args.items[3], 'stride'),
          });
        } else if (callable.path === 'torch._utils._rebuild_parameter' && isTensor(args.items[0])) stack.push(args.items[0]);
        else fail(`the pickle calls ${callable.path} in a way a state dict never does`);
        break;
      }
      default:
        fail(`the pickle uses opcode 0x${op.toString(16)}, which a state dict does not; refusing to load it`);
    }
  }
}
