#!/usr/bin/env python3
"""Write the pickle and PyTorch fixtures into fixtures/pickle/ with the Python standard library only.

Nothing here ever unpickles a hostile stream: the malicious and hostile files are assembled from
opcodes. Torch files are made WITHOUT torch: stand-in modules registered under torch's module paths
let the ordinary pickler emit exactly the globals torch.save emits, and zipfile writes the layout.

Each value fixture comes with `<name>.expected.json`, Python's own reading of the value in this
mapping (the TypeScript tests map our reading the same way and compare):
  None/bool/str/list/int (|n| < 2**53)/float  -> JSON as is (nan/inf -> {"$float": "nan"|"inf"|"-inf"})
  other int       -> {"$int": "<decimal>"}
  bytes/bytearray -> {"$bytes": "<hex>"} / {"$bytearray": "<hex>"}
  tuple           -> {"$tuple": [...]}
  set/frozenset   -> {"$set": [...]} / {"$frozenset": [...]}   (pickle order = iteration order)
  dict            -> {"$dict": [[key, value], ...]}            (any key type, order kept)
  OrderedDict     -> {"$ordereddict": [[key, value], ...]}
  complex         -> {"$complex": [real, imag]}
  Decimal         -> {"$decimal": "<str>"}
  datetime/date/time -> {"$datetime"|"$date"|"$time": isoformat()};  timedelta -> {"$timedelta": [d, s, us]}
  other object    -> {"$object": "module.Class", "state": <mapping of __dict__>}

Run: python3 scripts/make-pickle-fixtures.py
"""
import collections
import datetime
import decimal
import io
import json
import math
import os
import pickle
import struct
import sys
import types
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'pickle')


# ---------------------------------------------------------------------------------------------
# Stand-in modules so the pickler writes the module paths real programs write.

def fake_module(name):
    parts = name.split('.')
    for i in range(1, len(parts) + 1):
        sub = '.'.join(parts[:i])
        if sub not in sys.modules:
            sys.modules[sub] = types.ModuleType(sub)
            if i > 1:
                setattr(sys.modules['.'.join(parts[:i - 1])], parts[i - 1], sys.modules[sub])
    return sys.modules[name]


def place(module_name, obj, name=None):
    mod = fake_module(module_name)
    name = name or obj.__name__
    obj.__module__ = module_name
    obj.__qualname__ = name
    setattr(mod, name, obj)
    return obj


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


place('shapes.geometry', Point)


class Example:
    """Stands in for dspy.primitives.example.Example: same attributes, default pickling."""

    def __init__(self, **kwargs):
        self._store = {}
        self._demos = []
        self._input_keys = None
        self._store.update(kwargs)

    def toDict(self):
        return dict(self._store)


place('dspy.primitives.example', Example)


# ---------------------------------------------------------------------------------------------
# Python's reading of a value, as JSON.

def to_json(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v if abs(v) < 2 ** 53 else {'$int': str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            return {'$float': 'nan'}
        if math.isinf(v):
            return {'$float': 'inf' if v > 0 else '-inf'}
        return v
    if isinstance(v, bytes):
        return {'$bytes': v.hex()}
    if isinstance(v, bytearray):
        return {'$bytearray': bytes(v).hex()}
    if isinstance(v, tuple):
        return {'$tuple': [to_json(x) for x in v]}
    if isinstance(v, list):
        return [to_json(x) for x in v]
    if isinstance(v, frozenset):
        return {'$frozenset': [to_json(x) for x in v]}
    if isinstance(v, set):
        return {'$set': [to_json(x) for x in v]}
    if isinstance(v, collections.OrderedDict):
        return {'$ordereddict': [[to_json(k), to_json(x)] for k, x in v.items()]}
    if isinstance(v, dict):
        return {'$dict': [[to_json(k), to_json(x)] for k, x in v.items()]}
    if isinstance(v, complex):
        return {'$complex': [v.real, v.imag]}
    if isinstance(v, decimal.Decimal):
        return {'$decimal': str(v)}
    if isinstance(v, datetime.datetime):
        return {'$datetime': v.isoformat()}
    if isinstance(v, datetime.date):
        return {'$date': v.isoformat()}
    if isinstance(v, datetime.time):
        return {'$time': v.isoformat()}
    if isinstance(v, datetime.timedelta):
        return {'$timedelta': [v.days, v.seconds, v.microseconds]}
    cls = type(v)
    return {'$object': f'{cls.__module__}.{cls.__qualname__}', 'state': to_json(vars(v))}


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


def write_json(name, value):
    with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
        json.dump(value, f, indent=1, ensure_ascii=False, sort_keys=False)
        f.write('\n')


# ---------------------------------------------------------------------------------------------
# Values at every protocol.

def values():
    shared = [1, 2, 3]
    return {
        'scalars': [None, True, False, 0, 1, -1, 255, 256, 65535, 65536, -129, 2 ** 31 - 1, -2 ** 31,
                    2 ** 31, 2 ** 53 - 1, 3.5, -0.25, 1e300, 1.0, float('inf'), float('-inf')],
        'bigints': [2 ** 53, -2 ** 53 - 1, 2 ** 64, -2 ** 64, 2 ** 64 - 1, -2 ** 70 + 3, 10 ** 40, -(10 ** 40),
                    127, 128, -128, 2 ** 63 - 1, -2 ** 63],
        'strings': ['', 'plain', 'line\nbreak\r\n', 'back\\slash', 'quote \' and "', 'nul\x00byte', 'ctrl\x1a',
                    'é ü ß', '日本語', 'emoji 🎉', 'x' * 300],
        'containers': {'list': [1, [2, [3, []]]], 'tuple0': (), 'tuple1': (1,), 'tuple2': (1, 2),
                       'tuple3': (1, 2, 3), 'tuple5': (1, 2, 3, 4, 5), 'set': {1, 2, 3}, 'empty_set': set(),
                       'frozenset': frozenset(['a']), 'nested': {'a': {'b': {'c': [{'d': None}]}}},
                       'many': list(range(2000))},
        'keys': {1: 'int key', (1, 2): 'tuple key', None: 'none key', 2.5: 'float key', 'str': 'str key',
                 b'by': 'bytes key', True and 3: 'three'},
        'proto-keys': {'__proto__': {'polluted': True}, 'constructor': {'prototype': 1}, 'toString': 'x',
                       'hasOwnProperty': 0},
        'bytes': [b'', b'\x00\x01\xff', bytes(range(256)), bytearray(b'ab\x00'), bytearray()],
        'shared': {'a': shared, 'b': shared, 'c': (shared, shared)},
        'objects': [Point(1, 2.5), collections.OrderedDict([('z', 1), ('a', 2)]), complex(1.5, -2),
                    decimal.Decimal('3.14159265358979323846'), datetime.datetime(2024, 2, 29, 13, 45, 7, 123456),
                    datetime.date(1999, 12, 31), datetime.time(23, 59, 58, 5), datetime.timedelta(3, 4, 5),
                    Example(question='q?', answer='a!')],
    }


def make_values():
    for name, value in values().items():
        write_json(f'values-{name}.expected.json', to_json(value))
        for proto in range(0, 6):
            data = pickle.dumps(value, protocol=proto)
            # Python must read back what we claim it reads, or the fixture lies.
            assert to_json(pickle.loads(data)) == to_json(value), (name, proto)
            write(f'values-{name}-p{proto}.pkl', data)


# ---------------------------------------------------------------------------------------------
# DSPy state pickle and its JSON twin.

def make_dspy():
    signature = {'instructions': 'Given the fields `question`, produce the fields `answer`.',
                 'fields': [{'prefix': 'Question:', 'description': '${question}'},
                            {'prefix': 'Reasoning: Let\'s think step by step in order to', 'description': '${reasoning}'},
                            {'prefix': 'Answer:', 'description': '${answer}'}]}
    demos = [Example(augmented=True, question='What is 2+2?', reasoning='2 and 2 make 4.', answer='4'),
             Example(question='Capital of France?', answer='Paris')]
    state = {'generate.predict': {'traces': [], 'train': [], 'demos': demos, 'signature': signature, 'lm': None},
             'metadata': {'dependency_versions': {'python': '3.11', 'dspy': '2.6.27', 'cloudpickle': '3.1'}}}
    write('dspy-state.pkl', pickle.dumps(state, protocol=5))
    twin = {'generate.predict': {'traces': [], 'train': [], 'demos': [d.toDict() for d in demos],
                                 'signature': signature, 'lm': None},
            'metadata': state['metadata']}
    write_json('dspy-state.json', twin)


# ---------------------------------------------------------------------------------------------
# An opcode assembler for streams no well-behaved pickler writes.

def op_str(s):
    b = s.encode('utf-8')
    return (b'\x8c' + bytes([len(b)]) + b) if len(b) < 256 else (b'X' + struct.pack('<I', len(b)) + b)


def op_global4(module, name):
    return op_str(module) + op_str(name) + b'\x93'


def make_malicious():
    # Protocol 0, the classic: cos\nsystem\n(S'echo pwned'\ntR.
    write('malicious-os-system-p0.pkl', b"cos\nsystem\n(S'echo pwned'\ntR.")
    # Protocol 2 with a memo and a TUPLE1, as __reduce__ would write it.
    write('malicious-os-system-p2.pkl',
          b'\x80\x02cposix\nsystem\nq\x00X\x0a\x00\x00\x00echo pwnedq\x01\x85q\x02Rq\x03.')
    # Protocol 4: the payload hides in a harmless-looking dict, via STACK_GLOBAL and MEMOIZE.
    write('malicious-hidden-eval-p4.pkl',
          b'\x80\x04}\x94(' + op_str('weights') + b']\x94(K\x01K\x02e' + op_str('note') +
          op_global4('builtins', 'eval') + b'\x94' + op_str("__import__('os').system('echo pwned')") +
          b'\x85\x94R\x94u.')
    # subprocess.Popen via NEWOBJ_EX with kwargs.
    write('malicious-subprocess-p4.pkl',
          b'\x80\x04' + op_global4('subprocess', 'Popen') + b']\x94(' + op_str('echo') + op_str('pwned') +
          b'e\x85}\x94' + op_str('shell') + b'\x89s\x92.')
    # cloudpickle-like code object: _builtin_type('CodeType')(...), then _make_function(code, globals, ...).
    code_args = (b'(K\x00K\x00K\x00K\x01K\x02K\x03' + b'C\x04\x97\x00y\x00' + b'N\x85' + b')' + b')' +
                 op_str('<stdin>') + op_str('f') + op_str('f') + b'K\x01' + b'C\x00' + b'C\x00' + b')' + b')' + b't')
    write('cloudpickle-code-p5.pkl',
          b'\x80\x05' + op_global4('cloudpickle.cloudpickle', '_make_function') + b'(' +
          op_global4('cloudpickle.cloudpickle', '_builtin_type') + op_str('CodeType') + b'\x85R' +
          code_args + b'R' + b'}' + op_str('f') + b'NNtR.')


def make_hostile():
    good = pickle.dumps({'a': [1, 2, 3], 'b': 'text' * 10}, protocol=4)
    write('hostile-truncated.pkl', good[: len(good) // 2])
    write('hostile-huge-memo-get.pkl', b'\x80\x02j\xff\xff\xff\x7f.')
    write('hostile-deep-marks.pkl', b'\x80\x02' + b'(' * 100000 + b'N.')
    write('hostile-deep-lists.pkl', b'\x80\x02' + b']' * 50000 + b'a' * 49999 + b'.')
    # Billion laughs through memo reuse: 40 levels, each a list of 20 references to the level below.
    laughs = bytearray(b'\x80\x02' + op_str('lol') + b'q\x000')
    for level in range(1, 41):
        laughs += b'(' + (b'h' + bytes([level - 1])) * 20 + b'l' + b'q' + bytes([level]) + (b'0' if level < 40 else b'')
    laughs += b'.'
    write('hostile-billion-laughs.pkl', bytes(laughs))
    write('hostile-bad-opcode.pkl', b'\x80\x02\xff.')
    write('hostile-proto-9.pkl', b'\x80\x09N.')
    write('hostile-stack-underflow.pkl', b'\x80\x02a.')
    write('hostile-no-stop.pkl', b'\x80\x02K\x01')
    write('hostile-huge-length.pkl', b'\x80\x04\x8e' + struct.pack('<Q', 2 ** 62) + b'.')


def make_oob():
    buffers = []
    data = pickle.dumps([pickle.PickleBuffer(b'readonly'), pickle.PickleBuffer(bytearray(b'writable'))],
                        protocol=5, buffer_callback=lambda b: buffers.append(b) or False)
    write('oob-buffers-p5.pkl', data)
    write_json('oob-buffers-p5.expected.json',
               [{'$buffer': 0, 'readonly': True}, {'$buffer': 1, 'readonly': False}])


# ---------------------------------------------------------------------------------------------
# PyTorch without torch.

DTYPES = {  # storage class name -> (dtype, struct format, element size)
    'FloatStorage': ('float32', 'f', 4), 'DoubleStorage': ('float64', 'd', 8), 'HalfStorage': ('float16', 'e', 2),
    'BFloat16Storage': ('bfloat16', None, 2), 'LongStorage': ('int64', 'q', 8), 'IntStorage': ('int32', 'i', 4),
    'ShortStorage': ('int16', 'h', 2), 'CharStorage': ('int8', 'b', 1), 'ByteStorage': ('uint8', 'B', 1),
    'BoolStorage': ('bool', '?', 1),
}


def _rebuild_tensor_v2(*args):
    raise RuntimeError('never called')


def _rebuild_parameter(*args):
    raise RuntimeError('never called')


place('torch._utils', _rebuild_tensor_v2)
place('torch._utils', _rebuild_parameter)
for storage_name in DTYPES:
    place('torch', type(storage_name, (), {}))


class FakeStorage:
    def __init__(self, kind, values, device='cpu'):
        self.kind, self.values, self.device = kind, values, device
        self.key = None

    def raw(self, byteorder='<'):
        dtype, fmt, size = DTYPES[self.kind]
        if fmt is None:  # bfloat16: the top half of float32
            return b''.join(struct.pack(byteorder + 'H', struct.unpack('<I', struct.pack('<f', v))[0] >> 16)
                            for v in self.values)
        return struct.pack(byteorder + fmt * len(self.values), *self.values)


class FakeTensor:
    def __init__(self, storage, shape, stride=None, offset=0, parameter=False):
        self.storage, self.shape, self.offset, self.parameter = storage, tuple(shape), offset, parameter
        if stride is None:
            stride, acc = [], 1
            for d in reversed(shape):
                stride.insert(0, acc)
                acc *= d
        self.stride = tuple(stride)

    def __reduce_ex__(self, proto):
        args = (self.storage, self.offset, self.shape, self.stride, False, collections.OrderedDict())
        if self.parameter:
            inner = FakeTensor(self.storage, self.shape, self.stride, self.offset)
            return (_rebuild_parameter, (inner, True, collections.OrderedDict()))
        return (_rebuild_tensor_v2, args)

    def logical_values(self):
        out = []
        def walk(dim, base):
            if dim == len(self.shape):
                out.append(self.storage.values[base])
                return
            for i in range(self.shape[dim]):
                walk(dim + 1, base + i * self.stride[dim])
        walk(0, self.offset)
        return out


class TorchPickler(pickle.Pickler):
    """torch.save's pickler: storages leave the pickle as persistent ids."""

    def __init__(self, f, storages, legacy=False):
        super().__init__(f, protocol=2)
        self.storages, self.legacy = storages, legacy

    def persistent_id(self, obj):
        if not isinstance(obj, FakeStorage):
            return None
        if obj.key is None:
            obj.key = str(len(self.storages))
            self.storages.append(obj)
        storage_type = getattr(sys.modules['torch'], obj.kind)
        if self.legacy:
            return ('storage', storage_type, obj.key, obj.device, len(obj.values), None)
        return ('storage', storage_type, obj.key, obj.device, len(obj.values))


def tensor_summary(path, t):
    vals = t.logical_values()
    dtype = DTYPES[t.storage.kind][0]
    if dtype == 'bfloat16':
        vals = [struct.unpack('<f', struct.pack('<I', (struct.unpack('<I', struct.pack('<f', v))[0] >> 16) << 16))[0]
                for v in vals]
    if dtype == 'float16':
        vals = [struct.unpack('<e', struct.pack('<e', v))[0] for v in vals]
    if dtype == 'float32':
        vals = [struct.unpack('<f', struct.pack('<f', v))[0] for v in vals]
    nums = [float(v) for v in vals]
    return {'path': path, 'dtype': dtype, 'shape': list(t.shape), 'stride': list(t.stride),
            'storageOffset': t.offset, 'device': t.storage.device, 'storageKey': t.storage.key,
            'parameter': t.parameter,
            'first': [bool(v) if dtype == 'bool' else v for v in vals[:4]],
            'min': min(nums) if nums else None, 'max': max(nums) if nums else None,
            'mean': (sum(nums) / len(nums)) if nums else None}


def make_state_dict(scale=1.0):
    w0 = FakeStorage('FloatStorage', [scale * (i - 5) / 4 for i in range(12)])
    shared = FakeStorage('DoubleStorage', [i * 0.5 for i in range(10)])
    sd = collections.OrderedDict()
    sd['encoder.0.weight'] = FakeTensor(w0, [4, 3])
    sd['encoder.0.bias'] = FakeTensor(FakeStorage('FloatStorage', [0.1, -0.2, 0.3, -0.4]), [4])
    sd['encoder.2.weight'] = FakeTensor(shared, [2, 4])
    sd['encoder.2.bias'] = FakeTensor(shared, [2], offset=8)  # a view into the same storage
    sd['encoder.2.weight_t'] = FakeTensor(shared, [4, 2], stride=[1, 4])  # non-contiguous
    sd['decoder.weight'] = FakeTensor(FakeStorage('HalfStorage', [0.5, -1.5, 2.0, 65504.0], 'cuda:0'), [2, 2])
    sd['decoder.bias'] = FakeTensor(FakeStorage('BFloat16Storage', [1.0, -2.0], 'cuda:0'), [2])
    sd['embed.weight'] = FakeTensor(FakeStorage('LongStorage', [2 ** 40, -3, 7, 0, 1, 2]), [3, 2])
    sd['norm.num_batches_tracked'] = FakeTensor(FakeStorage('LongStorage', [42]), [])
    sd['mask'] = FakeTensor(FakeStorage('BoolStorage', [True, False, True]), [3])
    sd['pixels'] = FakeTensor(FakeStorage('ByteStorage', [0, 128, 255, 7]), [2, 2])
    sd['ids'] = FakeTensor(FakeStorage('IntStorage', [-5, 6, 70000]), [3])
    sd._metadata = collections.OrderedDict([('', {'version': 1}), ('encoder', {'version': 1})])
    return sd


def walk_tensors(v, path, out):
    if isinstance(v, FakeTensor):
        out.append(tensor_summary(path, v))
    elif isinstance(v, dict):
        for k, x in v.items():
            walk_tensors(x, f'{path}.{k}' if path else str(k), out)
    elif isinstance(v, (list, tuple)):
        for i, x in enumerate(v):
            walk_tensors(x, f'{path}.{i}' if path else str(i), out)
    elif hasattr(v, '__dict__') and not isinstance(v, type):
        for k, x in vars(v).items():
            walk_tensors(x, f'{path}.{k}' if path else str(k), out)


def zip_entry(zf, name, data):
    # torch aligns every record's data to 64 bytes with a padding extra field ("FB").
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    offset = zf.fp.tell() + 30 + len(name.encode())
    pad = (64 - (offset + 4) % 64) % 64
    info.extra = b'FB' + struct.pack('<H', pad) + b'Z' * pad
    zf.writestr(info, data)


def torch_zip(name, obj, folder='archive'):
    storages = []
    buf = io.BytesIO()
    TorchPickler(buf, storages).dump(obj)
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w') as zf:
        zip_entry(zf, f'{folder}/data.pkl', buf.getvalue())
        zip_entry(zf, f'{folder}/byteorder', b'little')
        for s in storages:
            zip_entry(zf, f'{folder}/data/{s.key}', s.raw())
        zip_entry(zf, f'{folder}/version', b'3\n')
        zip_entry(zf, f'{folder}/.data/serialization_id', b'1234567890123456789012345678901234567890')
    write(name, out.getvalue())
    tensors = []
    walk_tensors(obj, '', tensors)
    write_json(name + '.expected.json', {'layout': 'zip', 'prefix': folder, 'tensors': tensors})
    for s in storages:
        s.key = None


def torch_legacy(name, obj):
    storages = []
    f = io.BytesIO()
    pickle.dump(0x1950a86a20f9469cfc6c, f, protocol=2)
    pickle.dump(1001, f, protocol=2)
    pickle.dump({'protocol_version': 1001, 'little_endian': True,
                 'type_sizes': {'short': 2, 'int': 4, 'long': 4}}, f, protocol=2)
    TorchPickler(f, storages, legacy=True).dump(obj)
    keys = sorted(s.key for s in storages)  # torch sorts the keys as strings
    pickle.dump(keys, f, protocol=2)
    by_key = {s.key: s for s in storages}
    for k in keys:
        s = by_key[k]
        f.write(struct.pack('<q', len(s.values)))
        f.write(s.raw())
    write(name, f.getvalue())
    tensors = []
    walk_tensors(obj, '', tensors)
    write_json(name + '.expected.json', {'layout': 'legacy', 'tensors': tensors})
    for s in storages:
        s.key = None


class Module:
    """Stands in for torch.nn.Module's pickled __dict__."""

    def __init__(self, **children):
        self.training = True
        self._parameters = collections.OrderedDict()
        self._buffers = collections.OrderedDict()
        self._non_persistent_buffers_set = set()
        self._backward_hooks = collections.OrderedDict()
        self._forward_hooks = collections.OrderedDict()
        self._forward_pre_hooks = collections.OrderedDict()
        self._state_dict_hooks = collections.OrderedDict()
        self._load_state_dict_pre_hooks = collections.OrderedDict()
        self._modules = collections.OrderedDict(children)


class Linear(Module):
    def __init__(self, n_in, n_out, seed):
        super().__init__()
        self.in_features, self.out_features = n_in, n_out
        self._parameters['weight'] = FakeTensor(
            FakeStorage('FloatStorage', [seed + i / 10 for i in range(n_in * n_out)]), [n_out, n_in], parameter=True)
        self._parameters['bias'] = FakeTensor(FakeStorage('FloatStorage', [seed] * n_out), [n_out], parameter=True)


class ReLU(Module):
    def __init__(self):
        super().__init__()
        self.inplace = False


class Sequential(Module):
    pass


class Net(Module):
    pass


place('torch.nn.modules.module', Module)
place('torch.nn.modules.linear', Linear)
place('torch.nn.modules.activation', ReLU)
place('torch.nn.modules.container', Sequential)
place('__main__', Net)


def make_torch():
    torch_zip('torch-state-dict.pt', make_state_dict())
    for epoch, loss in ((1, 0.75), (2, 0.5)):
        ckpt = {'epoch': epoch, 'model_state_dict': make_state_dict(scale=epoch),
                'optimizer_state_dict': {'state': {}, 'param_groups': [
                    {'lr': 0.01 / epoch, 'momentum': 0.9, 'params': list(range(12))}]},
                'loss': loss, 'config': {'hidden': 4, 'layers': ['encoder', 'decoder']}, 'version': '1.0'}
        torch_zip(f'torch-checkpoint-epoch{epoch}.pt', ckpt, folder=f'checkpoint_epoch{epoch}')
    net = Net(encoder=Sequential(**{'0': Linear(3, 4, 1), '1': ReLU(), '2': Linear(4, 2, 2)}), head=Linear(2, 1, 3))
    torch_zip('torch-module.pt', net, folder='net')
    legacy = make_state_dict()
    # One big storage, so a test can show that listing does not read storages (64K float32 = 256 KiB).
    legacy['big.weight'] = FakeTensor(FakeStorage('FloatStorage', [((i * 7919) % 1000) / 100 for i in range(65536)]), [256, 256])
    torch_legacy('torch-legacy.pt', legacy)


def main():
    os.makedirs(OUT, exist_ok=True)
    make_values()
    make_dspy()
    make_malicious()
    make_hostile()
    make_oob()
    make_torch()


if __name__ == '__main__':
    main()
