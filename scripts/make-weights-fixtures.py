#!/usr/bin/env python3
"""Write the weights fixtures into fixtures/weights/: safetensors (single and sharded with an index),
NumPy .npy of several dtypes and both orders, .npz (stored and deflated), an object-dtype .npy that
holds a dangerous pickle, a small GGUF v3, and hostile headers.

safetensors and GGUF are written byte by byte from their specifications (no library for them is
installed here), the NumPy files by numpy itself. Nothing here unpickles anything: the dangerous
object array is pickled, never loaded.

Run: /usr/bin/python3 scripts/make-weights-fixtures.py   (needs python3-numpy)
"""
import json
import os
import pickle
import struct
import sys
import types
import zipfile

try:
    import numpy as np
except ImportError:  # numpy writes the .npy/.npz files; without it the committed fixtures stay as they are
    print('numpy is not installed for this python3: fixtures/weights/ was not regenerated (the committed files stay).')
    sys.exit(0)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'weights')
os.makedirs(OUT, exist_ok=True)

DTYPES = {'F64': '<f8', 'F32': '<f4', 'F16': '<f2', 'I64': '<i8', 'I32': '<i4', 'I16': '<i2', 'I8': 'i1', 'U8': 'u1', 'BOOL': '?'}


def bf16_bytes(values):
    """bfloat16 is the top half of a float32."""
    f = np.asarray(values, dtype='<f4').view('<u4')
    return ((f >> 16).astype('<u2')).tobytes()


def safetensors(tensors, metadata=None):
    """tensors: list of (name, dtype, shape, raw bytes) in storage order."""
    header, data, offset = {}, b'', 0
    if metadata is not None:
        header['__metadata__'] = metadata
    for name, dtype, shape, raw in tensors:
        header[name] = {'dtype': dtype, 'shape': list(shape), 'data_offsets': [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)  # the format pads the header so the data starts 8-aligned
    return struct.pack('<Q', len(text)) + text + data


def arr(dtype, shape, start=0.0):
    n = int(np.prod(shape)) if shape else 1
    return (np.arange(n, dtype='f8') * 0.5 + start).astype(DTYPES[dtype]).reshape(shape).tobytes()


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


# A small model: embeddings, two layers, a head, in several dtypes.
model = [
    ('model.embed_tokens.weight', 'F32', (8, 4), arr('F32', (8, 4))),
    ('model.layers.0.self_attn.q_proj.weight', 'F16', (4, 4), arr('F16', (4, 4), -2.0)),
    ('model.layers.0.mlp.up_proj.weight', 'BF16', (2, 4), bf16_bytes(np.arange(8) * 0.25 - 1)),
    ('model.layers.1.self_attn.q_proj.weight', 'F64', (2, 2), arr('F64', (2, 2), 1.0)),
    ('model.layers.1.norm.step', 'I64', (3,), np.array([1, -2, 3], '<i8').tobytes()),
    ('model.mask', 'BOOL', (4,), np.array([True, False, True, True]).tobytes()),
    ('lm_head.weight', 'I8', (2, 3), np.array([[-1, 2, -3], [4, -5, 6]], 'i1').tobytes()),
]
write('model.safetensors', safetensors(model, {'format': 'pt', 'producer': 'fixture'}))
write('no-metadata.safetensors', safetensors(model[:2]))

# The same model in two shards with its index, as Hugging Face writes them.
shard1, shard2 = model[:3], model[3:]
names = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']
os.makedirs(os.path.join(OUT, 'sharded'), exist_ok=True)
write('sharded/' + names[0], safetensors(shard1, {'format': 'pt'}))
write('sharded/' + names[1], safetensors(shard2, {'format': 'pt'}))
total = sum(len(t[3]) for t in model)
index = {'metadata': {'total_size': total}, 'weight_map': {t[0]: names[0] for t in shard1} | {t[0]: names[1] for t in shard2}}
write('sharded/model.safetensors.index.json', json.dumps(index, indent=2).encode())
with open(os.path.join(OUT, 'sharded', 'config.json'), 'w') as f:
    json.dump({'architectures': ['TinyForCausalLM'], 'model_type': 'tiny', 'hidden_size': 4, 'num_hidden_layers': 2, 'torch_dtype': 'float32', 'vocab_size': 8}, f, indent=2)

# The trainer's pickled arguments, as transformers writes training_args.bin: a stand-in class at the
# real module path, so the pickle names it exactly as the real file does (never loaded here).
module = types.ModuleType('transformers.training_args')
class TrainingArguments:
    pass
TrainingArguments.__module__ = 'transformers.training_args'
module.TrainingArguments = TrainingArguments
sys.modules['transformers'] = types.ModuleType('transformers')
sys.modules['transformers.training_args'] = module
args = TrainingArguments()
args.__dict__.update({'output_dir': 'out', 'learning_rate': 5e-05, 'num_train_epochs': 3})
write('sharded/training_args.bin', pickle.dumps(args, protocol=2))

# Hostile safetensors headers.
good = safetensors(model[:1])
write('hostile-length-past-end.safetensors', struct.pack('<Q', 10_000) + good[8:])
write('hostile-4gb-header.safetensors', struct.pack('<Q', 4 * 1024 ** 3) + b'{}')
def raw_header(obj, data=b''):
    text = json.dumps(obj).encode()
    text += b' ' * (-len(text) % 8)
    return struct.pack('<Q', len(text)) + text + data
write('hostile-overlap.safetensors', raw_header({'a': {'dtype': 'F32', 'shape': [2], 'data_offsets': [0, 8]}, 'b': {'dtype': 'F32', 'shape': [2], 'data_offsets': [4, 12]}}, bytes(12)))
write('hostile-shape-overflow.safetensors', raw_header({'a': {'dtype': 'F32', 'shape': [2 ** 40, 2 ** 40], 'data_offsets': [0, 8]}}, bytes(8)))
write('hostile-size-mismatch.safetensors', raw_header({'a': {'dtype': 'F32', 'shape': [3], 'data_offsets': [0, 8]}}, bytes(8)))
write('hostile-bad-dtype.safetensors', raw_header({'a': {'dtype': 'F33', 'shape': [2], 'data_offsets': [0, 8]}}, bytes(8)))

# NumPy: several dtypes, both orders, each header version.
np.save(os.path.join(OUT, 'f4-c.npy'), np.arange(12, dtype='<f4').reshape(3, 4))
np.save(os.path.join(OUT, 'f8-fortran.npy'), np.asfortranarray(np.arange(6, dtype='<f8').reshape(2, 3)))
np.save(os.path.join(OUT, 'i8-big-endian.npy'), np.arange(5, dtype='>i8'))
np.save(os.path.join(OUT, 'bool.npy'), np.array([True, False, True]))
np.save(os.path.join(OUT, 'u2-scalar.npy'), np.array(7, dtype='<u2'))
with open(os.path.join(OUT, 'f2-v2.npy'), 'wb') as f:
    np.lib.format.write_array(f, np.arange(4, dtype='<f2'), version=(2, 0))
with open(os.path.join(OUT, 'f4-v3.npy'), 'wb') as f:
    np.lib.format.write_array(f, np.arange(3, dtype='<f4'), version=(3, 0))
# Embeddings as dspy.Embeddings.save writes them: config.json + corpus_embeddings.npy.
os.makedirs(os.path.join(OUT, 'embeddings'), exist_ok=True)
np.save(os.path.join(OUT, 'embeddings', 'corpus_embeddings.npy'), (np.arange(5 * 8, dtype='<f4') / 40).reshape(5, 8))
with open(os.path.join(OUT, 'embeddings', 'config.json'), 'w') as f:
    json.dump({'k': 5, 'normalize': True, 'corpus': ['alpha', 'beta', 'gamma', 'delta', 'epsilon'], 'brute_force_threshold': 20000}, f, indent=2)

np.savez(os.path.join(OUT, 'arrays.npz'), weights=np.arange(6, dtype='<f4').reshape(2, 3), ids=np.array([3, 1, 2], dtype='<i4'))
np.savez_compressed(os.path.join(OUT, 'arrays-deflated.npz'), weights=np.arange(6, dtype='<f4').reshape(2, 3), ids=np.array([3, 1, 2], dtype='<i4'))


class Payload:
    """Stands for an attacker's object: its pickle calls os.system when loaded. Never loaded here."""
    def __reduce__(self):
        return (os.system, ('echo owned',))


objects = np.empty(2, dtype=object)
objects[0] = 'harmless'
objects[1] = Payload()
np.save(os.path.join(OUT, 'object-dangerous.npy'), objects, allow_pickle=True)
safe_objects = np.empty(2, dtype=object)
safe_objects[0] = 'a'
safe_objects[1] = [1, 2]
np.save(os.path.join(OUT, 'object-plain.npy'), safe_objects, allow_pickle=True)
with zipfile.ZipFile(os.path.join(OUT, 'object-dangerous.npz'), 'w') as z:
    with open(os.path.join(OUT, 'object-dangerous.npy'), 'rb') as f:
        # A fixed date keeps the file byte-identical from run to run.
        z.writestr(zipfile.ZipInfo('items.npy', date_time=(2024, 1, 1, 0, 0, 0)), f.read())

# GGUF v3, written from the specification.
GGUF_U32, GGUF_I32, GGUF_F32, GGUF_BOOL, GGUF_STRING, GGUF_ARRAY, GGUF_U64 = 4, 5, 6, 7, 8, 9, 10


def gstr(s):
    b = s.encode()
    return struct.pack('<Q', len(b)) + b


def kv(key, vtype, value):
    out = gstr(key) + struct.pack('<I', vtype)
    if vtype == GGUF_STRING:
        return out + gstr(value)
    if vtype == GGUF_U32:
        return out + struct.pack('<I', value)
    if vtype == GGUF_I32:
        return out + struct.pack('<i', value)
    if vtype == GGUF_F32:
        return out + struct.pack('<f', value)
    if vtype == GGUF_BOOL:
        return out + struct.pack('<?', value)
    if vtype == GGUF_U64:
        return out + struct.pack('<Q', value)
    etype, items = value
    out += struct.pack('<IQ', etype, len(items))
    for item in items:
        out += gstr(item) if etype == GGUF_STRING else struct.pack('<f' if etype == GGUF_F32 else '<i', item)
    return out


def gguf(version, kvs, tensors, alignment=32):
    """tensors: (name, ggml_type, dims, raw bytes)."""
    head = b'GGUF' + struct.pack('<IQQ', version, len(tensors), len(kvs)) + b''.join(kvs)
    data, infos = b'', b''
    for name, ttype, dims, raw in tensors:
        data += b'\0' * (-len(data) % alignment)
        infos += gstr(name) + struct.pack('<I', len(dims)) + b''.join(struct.pack('<Q', d) for d in dims) + struct.pack('<IQ', ttype, len(data))
        data += raw
    head += infos
    head += b'\0' * (-len(head) % alignment)
    return head + data


template = "{% for message in messages %}<|{{ message['role'] }}|>{{ message['content'] }}{% endfor %}"
kvs = [
    kv('general.architecture', GGUF_STRING, 'llama'),
    kv('general.name', GGUF_STRING, 'tiny-fixture'),
    kv('general.alignment', GGUF_U32, 32),
    kv('llama.context_length', GGUF_U32, 2048),
    kv('llama.rope.freq_base', GGUF_F32, 10000.0),
    kv('tokenizer.ggml.tokens', GGUF_ARRAY, (GGUF_STRING, ['<s>', '</s>', 'a', 'b', 'c'])),
    kv('tokenizer.ggml.scores', GGUF_ARRAY, (GGUF_F32, [0.0, 0.0, -1.0, -2.0, -3.0])),
    kv('tokenizer.chat_template', GGUF_STRING, template),
]
f32 = np.arange(8, dtype='<f4').tobytes()
f16 = np.arange(4, dtype='<f2').tobytes()
q8_0 = struct.pack('<e', 0.5) + bytes(range(32))  # one Q8_0 block: an f16 scale and 32 int8 values
write('tiny.gguf', gguf(3, kvs, [('token_embd.weight', 0, [4, 2], f32), ('blk.0.attn_q.weight', 1, [4], f16), ('blk.0.ffn_up.weight', 8, [32], q8_0)]))
code_template = "{% for m in messages %}{{ m.content.__class__.__mro__[1].__subclasses__() }}{% endfor %}"
write('code-template.gguf', gguf(3, [kv('general.architecture', GGUF_STRING, 'llama'), kv('tokenizer.chat_template', GGUF_STRING, code_template)], [('w', 0, [2], np.arange(2, dtype='<f4').tobytes())]))
write('tiny-v2.gguf', gguf(2, kvs[:3], [('w', 0, [2], np.arange(2, dtype='<f4').tobytes())]))
write('hostile-gguf-huge-count.gguf', b'GGUF' + struct.pack('<IQQ', 3, 2 ** 62, 1) + kv('a', GGUF_U32, 1))
write('hostile-gguf-string-past-end.gguf', b'GGUF' + struct.pack('<IQQ', 3, 0, 1) + struct.pack('<Q', 2 ** 40) + b'key')

print('wrote', len(os.listdir(OUT)), 'entries to fixtures/weights/')
