#!/usr/bin/env python3
"""Write fixtures/pickle-verdict/: files whose code runs in a loader although one pickle in them looks clean.

Each file hides its payload where a reader that grades only one pickle would miss it: in any of the
five stacked pickles of a legacy torch save, in the data.pkl torch picks (the folder of the zip
directory's FIRST entry) rather than the first data.pkl listed, in other pickle members of the zip,
behind an attribute walk (`_reconstructor.__builtins__.get`), in a protocol 0 stream that opens with
MARK, in pickletools.optimize output, and in bytes another pickle hands to pickle.loads, torch.load or
np.load. Nothing here is ever unpickled: payloads are assembled from opcodes or pickled stand-ins
(pickling a reference to os.system does not call it). torch and numpy are not needed: the layouts
are the ones torch.save and numpy.save write (see make-pickle-fixtures.py for torch's zip details).

Every payload runs `echo <file-tag>`, so a test can check that the report names the right member.

Run: /usr/bin/python3 scripts/make-verdict-fixtures.py
"""
import base64
import io
import os
import pickle
import pickletools
import struct
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'pickle-verdict')
LEGACY_MAGIC = 0x1950a86a20f9469cfc6c


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


def s4(text):
    b = text.encode('utf-8')
    return b'X' + struct.pack('<I', len(b)) + b


def short(text):
    b = text.encode('utf-8')
    return b'\x8c' + bytes([len(b)]) + b


def system_call(tag):
    """Opcodes (protocol 2+) that push the result of os.system('echo <tag>')."""
    return b'cposix\nsystem\n' + s4(f'echo {tag}') + b'\x85R'


def with_payload(clean, tag):
    """A pickle that runs os.system first, drops its result, then yields what `clean` yields."""
    assert clean[:1] == b'\x80' and clean[-1:] == b'.'
    proto = clean[:2]
    body = clean[2:]
    if body[:1] == b'\x95':  # a FRAME: drop it, the payload changes the length
        body = body[9:]
    return proto + system_call(tag) + b'0' + body


def pickled_system(tag, protocol):
    """What pickle.dumps writes for an object whose __reduce__ is (os.system, ('echo <tag>',))."""
    class Payload:
        def __reduce__(self):
            return (os.system, (f'echo {tag}',))
    return pickle.dumps(Payload(), protocol=protocol)


# ---------------------------------------------------------------------------------------------
# Legacy torch saves: magic number, protocol 1001, sys_info, the object, the storage keys.

def legacy(payload_in=None, tag=None, magic_p0=False):
    sys_info = {'protocol_version': 1001, 'little_endian': True, 'type_sizes': {'short': 2, 'int': 4, 'long': 4}}
    pickles = [
        pickle.dumps(LEGACY_MAGIC, protocol=2),
        pickle.dumps(1001, protocol=2),
        pickle.dumps(sys_info, protocol=2),
        pickle.dumps({'epoch': 3, 'note': 'plain data'}, protocol=2),
        pickle.dumps([], protocol=2),
    ]
    if magic_p0:
        # The magic number as protocol 0 writes it: no PROTO, no LONG1, still the value torch checks.
        pickles[0] = pickle.dumps(LEGACY_MAGIC, protocol=0)
    if payload_in is not None:
        pickles[payload_in] = with_payload(pickles[payload_in], tag) if pickles[payload_in][:1] == b'\x80' else pickles[payload_in]
    data = b''.join(pickles)
    # Each stream is a valid pickle yielding what torch expects: check without running the payload.
    return data


def make_legacy():
    roles = {0: 'magic', 1: 'protocol', 2: 'sysinfo', 4: 'keys'}
    for index, role in roles.items():
        write(f'legacy-payload-in-{index + 1}-{role}.pt', legacy(index, f'stacked-{index + 1}'))
    write('legacy-clean.pt', legacy())
    # Magic number in protocol 0 (the usual first bytes are absent) and the payload in pickle 2.
    write('legacy-magic-p0-payload-in-2.pt', legacy(1, 'magic-p0', magic_p0=True))


# ---------------------------------------------------------------------------------------------
# Zip checkpoints.

def stored(name, data):
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    return info, data


STATE = {'epoch': 3, 'loss': 0.25, 'note': 'plain data'}


def zip_bytes(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w') as zf:
        for name, data in entries:
            zf.writestr(*stored(name, data))
    return out.getvalue()


def reorder_central_directory(data, order):
    """Rewrite the zip's central directory in `order` (names); the local records stay where they are."""
    end = data.rindex(b'PK\x05\x06')
    count, size, offset = struct.unpack('<HII', data[end + 10:end + 20])
    records = {}
    p = offset
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack('<HHH', data[p + 28:p + 34])
        total = 46 + name_len + extra_len + comment_len
        records[data[p + 46:p + 46 + name_len].decode()] = data[p:p + total]
        p += total
    assert sorted(records) == sorted(order)
    cd = b''.join(records[n] for n in order)
    assert len(cd) == size
    return data[:offset] + cd + data[offset + size:]


def make_zips():
    clean = pickle.dumps(STATE, protocol=2)
    evil = pickled_system('zip-first-entry', 2)
    # Local order puts archive/data.pkl first (what a reader of the first local header sees); the
    # central directory lists payload/version first, so torch's archive name is "payload".
    local = [('archive/data.pkl', clean), ('archive/byteorder', b'little'), ('archive/version', b'3\n'),
             ('payload/version', b'3\n'), ('payload/data.pkl', evil)]
    data = zip_bytes(local)
    order = ['payload/version', 'archive/data.pkl', 'archive/byteorder', 'archive/version', 'payload/data.pkl']
    write('zip-torch-loads-other-data-pkl.pt', reorder_central_directory(data, order))
    write('zip-clean.pt', zip_bytes([('archive/data.pkl', clean), ('archive/byteorder', b'little'), ('archive/version', b'3\n')]))
    for member in ('constants.pkl', 'extra.pkl', 'extra/notes.pkl'):
        tag = 'zip-' + member.replace('/', '-').replace('.pkl', '')
        write(f'zip-payload-in-{member.replace("/", "-").replace(".pkl", "")}.pt',
              zip_bytes([('archive/data.pkl', clean), ('archive/byteorder', b'little'), (f'archive/{member}', pickled_system(tag, 2)),
                         ('archive/version', b'3\n')]))


# ---------------------------------------------------------------------------------------------
# Attribute walks in global names.

def make_dotted():
    eval_arg = "__import__('os').system('echo dotted')"
    # copyreg._reconstructor.__builtins__.get('eval')(...): STACK_GLOBAL resolves the dotted name.
    write('dotted-stack-global-builtins.pkl',
          b'\x80\x04' + short('copyreg') + short('_reconstructor.__builtins__.get') + b'\x93' + short('eval') + b'\x85R' +
          short(eval_arg) + b'\x85R.')
    # The same walk through __globals__ of a function, by the GLOBAL opcode in a protocol 4 stream.
    write('dotted-global-globals.pkl',
          b'\x80\x04ccopyreg\n_reconstructor.__globals__.get\n' + short('__builtins__') + b'\x85R.')
    # INST with a dotted name walking to object's subclasses.
    write('dotted-inst-subclasses.pkl', b'\x80\x04(icollections\nOrderedDict.__class__.__base__.__subclasses__\n.')


# ---------------------------------------------------------------------------------------------
# Pickles without the usual first bytes.

def make_sniff():
    # Protocol 0 that opens with MARK: (S'echo sniff-mark'\nios\nsystem\n.
    write('p0-mark-first.pkl', b"(S'echo sniff-mark'\nios\nsystem\n.")
    # pickletools.optimize of a protocol 1 list holding the payload: no PROTO, no FRAME, no PUT.
    p1 = pickle.dumps(['weights', pickle.loads(pickle.dumps('x')), Holder('sniff-optimized')], protocol=1)
    optimized = pickletools.optimize(p1)
    assert b'q' not in optimized[:2] and optimized[:1] == b']'
    write('p1-optimized.pkl', optimized)
    # pickletools.optimize of protocol 0: the dict head without its PUT, "(dS'...".
    write('p0-optimized.pkl', pickletools.optimize(pickle.dumps({'a': Holder('sniff-p0-optimized')}, protocol=0)))


class Holder:
    def __init__(self, tag):
        self.tag = tag

    def __reduce__(self):
        return (os.system, (f'echo {self.tag}',))


# ---------------------------------------------------------------------------------------------
# Pickles nested where a loader unpickles them.

def npy_object(payload_pickle):
    """A .npy file of dtype object, as numpy.save writes it: header, then the array pickled."""
    header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
    total = 10 + len(header) + 1
    header += ' ' * ((64 - total % 64) % 64) + '\n'
    return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(header)) + header.encode('latin1') + payload_pickle


def ndarray_pickle(items_opcodes):
    """numpy's pickle of an object array: _reconstruct(ndarray, (0,), b'b') then BUILD with the items as a list."""
    return (b'\x80\x03cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\x00\x85C\x01b\x87R'
            b'(K\x01K\x01\x85cnumpy\ndtype\nX\x02\x00\x00\x00O8\x89\x88\x87R(K\x03X\x01\x00\x00\x00|NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK?tb'
            b'\x89]' + items_opcodes + b'atb.')


def make_nested():
    inner = pickled_system('nested-loads', 2)
    # pickle.loads(b'<inner>'): the outer call is dangerous, and the report shows what the inner runs.
    write('nested-pickle-loads.pkl', b'\x80\x03c_pickle\nloads\nC' + bytes([len(inner)]) + inner + b'\x85R.')
    # torch.load(io.BytesIO(b'<inner>'), weights_only=False) via NEWOBJ_EX-free REDUCE.
    inner_torch = pickled_system('nested-torch-load', 2)
    write('nested-torch-load-bytesio.pkl',
          b'\x80\x03ctorch\nload\nc_io\nBytesIO\nC' + bytes([len(inner_torch)]) + inner_torch + b'\x85R\x85R.')
    # pickle.loads(base64.b64decode('...')).
    inner_b64 = base64.b64encode(pickled_system('nested-base64', 2)).decode()
    write('nested-base64.pkl', b'\x80\x04c_pickle\nloads\ncbase64\nb64decode\n' + short(inner_b64) + b'\x85R\x85R.')
    # A .npy of object dtype whose element reduces to os.system (np.load(allow_pickle=True) runs it).
    write('npy-object-payload.npy', npy_object(ndarray_pickle(system_call('npy-object'))))
    # A clean object array: the grade is the array's, with only numpy's rebuild globals.
    write('npy-object-clean.npy', npy_object(ndarray_pickle(s4('plain'))))
    # An .npz (numpy.savez) whose second member is an object array carrying the payload.
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w') as zf:
        for name, data in (('weights.npy', npy_object(ndarray_pickle(s4('plain')))), ('labels.npy', npy_object(ndarray_pickle(system_call('npz-member'))))):
            zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    write('npz-object-payload.npz', out.getvalue())
    # numpy.load(io.BytesIO(<npy bytes>), allow_pickle=True) inside a pickle.
    npy = npy_object(ndarray_pickle(system_call('nested-npy')))
    write('nested-numpy-load.pkl', b'\x80\x03cnumpy\nload\nc_io\nBytesIO\nB' + struct.pack('<I', len(npy)) + npy + b'\x85R\x85R.')


def check_streams():
    """Every fixture parses as Python's unpickler would read it, without running it (genops only)."""
    for name in sorted(os.listdir(OUT)):
        data = open(os.path.join(OUT, name), 'rb').read()
        if data[:2] == b'PK':
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for n in zf.namelist():
                    member = zf.read(n)
                    if n.endswith('.pkl'):
                        list(pickletools.genops(member))
                    elif n.endswith('.npy'):
                        list(pickletools.genops(member[10 + struct.unpack('<H', member[8:10])[0]:]))
            continue
        start = data.index(b'\n', 10) + 1 if data[:6] == b'\x93NUMPY' else 0
        if data[:6] == b'\x93NUMPY':
            start = 10 + struct.unpack('<H', data[8:10])[0]
        pos = start
        while pos < len(data):
            ops = list(pickletools.genops(data[pos:]))
            pos += ops[-1][2] + 1


def main():
    os.makedirs(OUT, exist_ok=True)
    make_legacy()
    make_zips()
    make_dotted()
    make_sniff()
    make_nested()
    check_streams()


if __name__ == '__main__':
    main()
