#!/usr/bin/env python3
"""Write fixtures/dspy-shapes/: the DSPy files people really have that the era fixtures do not cover.

DSPy itself is not installed here: small stand-in classes are registered at DSPy's real module paths
(dspy.predict.predict.Predict, dspy.signatures.signature.Signature subclasses, dspy.primitives.example.Example,
dspy.clients.lm.LM, ...) with the attributes DSPy 2.6-3.3 give them, and their dump_state mirrors
DSPy's own (dspy/predict/predict.py, signatures/signature.py, clients/lm.py, primitives/base_module.py).
Each whole-program fixture is written twice from the same stand-in program: as `program.save(dir,
save_program=True)` writes it (metadata.json + program.pkl, a cloudpickle of the module) and as
`program.save("x.json")` writes it (the state JSON), so a test can check that what is recovered from
the pickle equals the state DSPy would have written.

Also: a bare Predict saved alone, a module saved as {}, DSPy 3.3 state (LM class marker, dspy.Flex
source, Refine's `module.` names, endpoint keys), typed demo values (images in both saved forms,
History, ToolCalls, a ReAct trajectory), an MLflow DSPy model folder, DSPy.rb and ax program files,
and a pickle holding NumPy arrays.

Needs Debian's python3-cloudpickle and numpy: run with /usr/bin/python3 scripts/make-dspy-shapes-fixtures.py
Deterministic: class tracker ids and predictor stages are fixed.
"""
import base64
import inspect
import json
import os
import struct
import sys
import types
import zlib

import cloudpickle

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'dspy-shapes')

# ---------------------------------------------------------------------------------------------
# Deterministic cloudpickle: tracker ids are uuid4 otherwise.
_ids = {}


def _tracker_id(cls):
    if cls not in _ids:
        _ids[cls] = 'tracker-%04d' % (len(_ids) + 1)
    return _ids[cls]


for _m in ('cloudpickle.cloudpickle', 'cloudpickle.cloudpickle_fast'):
    if _m in sys.modules and hasattr(sys.modules[_m], '_get_or_create_tracker_id'):
        sys.modules[_m]._get_or_create_tracker_id = _tracker_id


def fake_module(name):
    parts = name.split('.')
    for i in range(1, len(parts) + 1):
        sub = '.'.join(parts[:i])
        if sub not in sys.modules:
            sys.modules[sub] = types.ModuleType(sub)
            if i > 1:
                setattr(sys.modules['.'.join(parts[:i - 1])], parts[i - 1], sys.modules[sub])
    return sys.modules[name]


def place(module_name, cls):
    mod = fake_module(module_name)
    cls.__module__ = module_name
    cls.__qualname__ = cls.__name__
    setattr(mod, cls.__name__, cls)
    return cls


# ---------------------------------------------------------------------------------------------
# Stand-ins at DSPy's module paths.

class FieldInfo:
    """pydantic.fields.FieldInfo: slots only, so it pickles as (None, {slot: value})."""
    __slots__ = ('annotation', 'default', 'json_schema_extra', 'description', 'metadata')

    def __init__(self, annotation, json_schema_extra):
        self.annotation = annotation
        self.default = None
        self.json_schema_extra = json_schema_extra
        self.description = None
        self.metadata = []


place('pydantic.fields', FieldInfo)


class SignatureMeta(type):
    @property
    def instructions(cls):
        return inspect.cleandoc(getattr(cls, '__doc__', '') or '')

    @property
    def fields(cls):
        fields = cls.__dict__.get('__pydantic_fields__') or cls.__dict__.get('model_fields')
        ins = {k: v for k, v in fields.items() if v.json_schema_extra['__dspy_field_type'] == 'input'}
        outs = {k: v for k, v in fields.items() if v.json_schema_extra['__dspy_field_type'] == 'output'}
        return {**ins, **outs}


class Signature(metaclass=SignatureMeta):
    @classmethod
    def dump_state(cls):
        state = {'instructions': cls.instructions, 'fields': []}
        for field in cls.fields:
            extra = cls.fields[field].json_schema_extra
            state['fields'].append({'prefix': extra['prefix'], 'description': extra['desc']})
        return state


place('dspy.signatures.signature', SignatureMeta)
place('dspy.signatures.signature', Signature)


def infer_prefix(name):
    return ' '.join(w.capitalize() for w in name.split('_')) + ':'


def make_signature(fields, instructions, modern=True, name='StringSignature'):
    """What make_signature / pydantic.create_model build: a class by value (not importable by name)."""
    pf = {}
    ann = {}
    for fname, role, annotation, prefix, desc in fields:
        extra = {'__dspy_field_type': role, 'prefix': prefix or infer_prefix(fname), 'desc': desc or '${%s}' % fname}
        pf[fname] = FieldInfo(annotation, extra)
        ann[fname] = annotation
    ns = {'__module__': 'dspy.signatures.signature', '__doc__': instructions, '__annotations__': ann}
    ns['__pydantic_fields__' if modern else 'model_fields'] = pf
    return SignatureMeta(name, (Signature,), ns)


class Parameter:
    pass


place('dspy.predict.parameter', Parameter)


class Example:
    def __init__(self, **kw):
        self._store = dict(kw)
        self._demos = []
        self._input_keys = None

    def with_inputs(self, *keys):
        self._input_keys = set(keys)
        return self

    def toDict(self):
        return dict(self._store)


place('dspy.primitives.example', Example)


class BaseLM:
    pass


place('dspy.clients.base_lm', BaseLM)


class LM(BaseLM):
    era = '3.3'

    def __init__(self, model, **kwargs):
        self.model = model
        self.model_type = 'chat'
        self.cache = True
        self.cache_in_memory = True
        self.callbacks = []
        self.history = []
        self.num_retries = 3
        self.finetuning_model = None
        self.launch_kwargs = {}
        self.train_kwargs = {}
        self.use_developer_role = False
        self.kwargs = dict(kwargs)

    def __getstate__(self):
        state = dict(self.__dict__)
        if LM.era != '2.6':
            state.pop('cache_in_memory', None)
        return state

    def dump_state(self):
        if LM.era == '2.6':  # 2.6.9 - 3.0.2: api_key still written
            keys = ['model', 'model_type', 'cache', 'cache_in_memory', 'num_retries', 'finetuning_model', 'launch_kwargs', 'train_kwargs']
            return {**{k: getattr(self, k) for k in keys}, **self.kwargs}
        kwargs = {k: v for k, v in self.kwargs.items() if k not in ('api_key', '_dspy_lm_class')}
        state = {'_dspy_lm_class': 'dspy.clients.lm.LM', 'model': self.model, 'model_type': self.model_type,
                 'cache': self.cache, 'num_retries': self.num_retries, **kwargs}
        state.update({'finetuning_model': self.finetuning_model, 'launch_kwargs': self.launch_kwargs, 'train_kwargs': self.train_kwargs})
        if self.use_developer_role:
            state['use_developer_role'] = True
        return state


place('dspy.clients.lm', LM)


class BaseModule:
    def named_parameters(self):
        visited = set()
        out = []

        def add(name, value):
            if isinstance(value, Parameter):
                if id(value) not in visited:
                    visited.add(id(value))
                    out.append((name, value))
            elif isinstance(value, Module):
                if not getattr(value, '_compiled', False):
                    for sub, p in value.named_parameters():
                        add('%s.%s' % (name, sub), p)

        if isinstance(self, Parameter):
            add('self', self)
        for name, value in self.__dict__.items():
            if isinstance(value, (Parameter, Module)):
                add(name, value)
            elif isinstance(value, (list, tuple)):
                for i, item in enumerate(value):
                    add('%s[%d]' % (name, i), item)
            elif isinstance(value, dict):
                for k, item in value.items():
                    add("%s['%s']" % (name, k), item)
        return out

    def dump_state(self):
        return {name: param.dump_state() for name, param in self.named_parameters()}


place('dspy.primitives.base_module', BaseModule)


class Module(BaseModule):
    modern = True

    def __init__(self):
        self._compiled = False
        self.callbacks = []
        self.history = []

    def __getstate__(self):
        state = dict(self.__dict__)
        if Module.modern:  # 3.0.0b4+ drops these from pickles
            state.pop('history', None)
            state.pop('callbacks', None)
        return state


place('dspy.primitives.module', Module)

_stage = [0]


class Predict(Module, Parameter):
    def __init__(self, signature, **config):
        super().__init__()
        _stage[0] += 1
        self.stage = '%016x' % (0x5eed0000 + _stage[0])
        self.signature = signature
        self.config = config
        self.lm = None
        self.traces = []
        self.train = []
        self.demos = []

    def dump_state(self):
        state = {k: getattr(self, k) for k in ['traces', 'train']}
        state['demos'] = [d.toDict() if isinstance(d, Example) else dict(d) for d in self.demos]
        state['signature'] = self.signature.dump_state()
        state['lm'] = self.lm.dump_state() if self.lm else None
        return state


place('dspy.predict.predict', Predict)


class ChainOfThought(Module):
    def __init__(self, signature):
        super().__init__()
        self.predict = Predict(signature)


place('dspy.predict.chain_of_thought', ChainOfThought)


class Retrieve(Parameter):
    def __init__(self, k=3):
        self.stage = 'retrieve'
        self.callbacks = []
        self.k = k

    def dump_state(self):
        return {'k': self.k}


place('dspy.retrievers.retrieve', Retrieve)


# ---------------------------------------------------------------------------------------------
# Output helpers: JSON as DSPy >= 3.0.3 writes it (orjson, indent 2, raw UTF-8, trailing newline).

def out(path, data):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'wb') as f:
        f.write(data)


def dspy_json(value):
    return (json.dumps(value, indent=2, ensure_ascii=False) + '\n').encode('utf-8')


def png(width, height, rgb):
    """A tiny solid-colour PNG, written by hand so the bytes never change."""
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    row = b'\x00' + bytes(rgb) * width
    raw = row * height
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) + \
        chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


def data_url(mime, data):
    return 'data:%s;base64,%s' % (mime, base64.b64encode(data).decode('ascii'))


def custom_type(parts):
    # dspy.Type.serialize_model: json.dumps(self.format(), ensure_ascii=False) between the markers.
    return '<<CUSTOM-TYPE-START-IDENTIFIER>>' + json.dumps(parts, ensure_ascii=False) + '<<CUSTOM-TYPE-END-IDENTIFIER>>'


META_33 = {'dependency_versions': {'python': '3.11', 'dspy': '3.3.1', 'cloudpickle': '3.1'}}
META_26 = {'dependency_versions': {'python': '3.12', 'dspy': '2.6.27', 'cloudpickle': '3.1'}}
CTX = ['The Eiffel Tower was completed in 1889 for the World\'s Fair in Paris.', 'Gustave Eiffel\'s company designed and built the tower.']


# ---------------------------------------------------------------------------------------------
# 1. A bare Predict saved alone, and a module saved as {} among real ones.

def qa_signature(instructions='Answer questions with short factoid answers.'):
    return make_signature([('question', 'input', str, None, None), ('answer', 'output', str, None, 'often between 1 and 5 words')], instructions)


def bare_predict():
    p = Predict(qa_signature())
    p.demos = [Example(augmented=True, question='When was the Eiffel Tower completed?', answer='1889'),
               Example(question='Who designed the Eiffel Tower?', answer='Gustave Eiffel\'s company', dspy_uuid='5b1e0c9e-3f43-4c55-9d0e-2f1f6d7a1c11', dspy_split='train')]
    state = p.dump_state()  # Predict.save writes its own dump_state: no module name
    state['metadata'] = META_33
    out('bare-predict.json', dspy_json(state))


def empty_module():
    state = {
        'custom_rm': {},
        'retrieve': {'k': 3},
        'generate_answer.predict': Predict(make_signature([('context', 'input', list, None, 'may contain relevant facts'), ('question', 'input', str, None, None),
                                                           ('reasoning', 'output', str, 'Reasoning:', '${reasoning}'), ('answer', 'output', str, None, 'often between 1 and 5 words')],
                                                          'Answer questions with short factoid answers.')).dump_state(),
        'metadata': META_33,
    }
    out('empty-module.json', dspy_json(state))


# ---------------------------------------------------------------------------------------------
# 2. DSPy 3.3 state: LM class marker, endpoint keys, dspy.Flex source, Refine's `module.` names.

FLEX_SRC = '''import dspy


class Summarize(dspy.Module):
    def __init__(self):
        self.step = dspy.Predict("document -> summary")

    def forward(self, document):
        return self.step(document=document)
'''


def dspy_33():
    lm = LM('openai/gpt-4o-mini', temperature=0.0, max_tokens=4000, api_base='https://llm.internal.example/v1')
    p = Predict(qa_signature())
    p.lm = lm
    p.demos = [Example(augmented=True, question='When was the Eiffel Tower completed?', answer='1889')]
    state = {
        'module.predict': p.dump_state(),
        'module.flex': {'module_src': FLEX_SRC, 'lm': None},
        'metadata': META_33,
    }
    out('dspy-3.3-refine-flex.json', dspy_json(state))


# ---------------------------------------------------------------------------------------------
# 3. Typed demo values: dspy.Image (both saved forms), dspy.History, dspy.ToolCalls, ReAct.

RED = png(48, 32, (220, 40, 40))
BLUE = png(40, 40, (30, 90, 200))
GREEN = png(24, 24, (40, 170, 80))


def typed_demos():
    sig = make_signature([('image', 'input', object, None, None), ('history', 'input', object, None, None), ('question', 'input', str, None, None),
                          ('answer', 'output', str, None, None)], 'Answer the question about the image.')
    describe = Predict(sig)
    describe.demos = [
        Example(augmented=True, image=custom_type([{'type': 'image_url', 'image_url': {'url': data_url('image/png', RED)}}]),
                history={'messages': [{'question': 'What colour is the sky?', 'answer': 'Blue'}]}, question='What colour is this?', answer='Red'),
        Example(image={'url': data_url('image/png', BLUE)}, history={'messages': []}, question='And this one?', answer='Blue',
                dspy_uuid='0c7d1b8e-9a51-4f1e-8a55-1b9f0f1d7e01', dspy_split='dev'),
    ]
    react_sig = make_signature([('question', 'input', str, None, None), ('trajectory', 'input', str, None, None), ('next_thought', 'output', str, None, None),
                                ('next_tool_name', 'output', str, None, None), ('next_tool_args', 'output', dict, None, None)], 'Use the tools to answer.')
    react = Predict(react_sig)
    react.demos = [Example(augmented=True, question='How tall is the Eiffel Tower?',
                           trajectory='[[ ## thought_0 ## ]]\nI should search.\n\n[[ ## tool_name_0 ## ]]\nsearch\n\n[[ ## tool_args_0 ## ]]\n{"query": "Eiffel Tower height"}\n\n[[ ## observation_0 ## ]]\n330 m',
                           next_thought='I know the answer now.', next_tool_name='finish', next_tool_args={})]
    tools_sig = make_signature([('question', 'input', str, None, None), ('tool_calls', 'output', object, None, None)], 'Pick the tools to call.')
    tools = Predict(tools_sig)
    tools.demos = [Example(augmented=True, question='Weather in Paris and Rome?',
                           tool_calls={'tool_calls': [{'name': 'weather', 'args': {'city': 'Paris'}}, {'name': 'weather', 'args': {'city': 'Rome'}}]})]
    state = {'describe': describe.dump_state(), 'react': react.dump_state(), 'tools': tools.dump_state(), 'metadata': META_33}
    out('typed-demos.json', dspy_json(state))
    out('replacement.png', GREEN)


# ---------------------------------------------------------------------------------------------
# 4. Whole programs: a cloudpickle of the module object + metadata.json, and the same program's state JSON.

RAG_SOURCE = '''
class RAG(dspy.Module):
    def __init__(self, k=3):
        super().__init__()
        self.retrieve = dspy.Retrieve(k=k)
        self.generate_answer = dspy.ChainOfThought(GENERATE_ANSWER)
        self.judges = {"strict": dspy.Predict(JUDGE)}
        self.drafts = [dspy.Predict(DRAFT), dspy.Predict(DRAFT)]

    def forward(self, question):
        context = self.retrieve(question).passages
        return self.generate_answer(context=context, question=question)


def normalise(text):
    return text.strip().lower()
'''


def dspy_namespace():
    ns = types.SimpleNamespace(Module=Module, Predict=Predict, ChainOfThought=ChainOfThought, Retrieve=Retrieve)
    return ns


def build_rag(rag_cls, modern):
    generate = make_signature([('context', 'input', list, None, 'may contain relevant facts'), ('question', 'input', str, None, None),
                               ('reasoning', 'output', str, 'Reasoning:' if modern else "Reasoning: Let's think step by step in order to", '${reasoning}'),
                               ('answer', 'output', str, None, 'often between 1 and 5 words')],
                              'Answer questions with short factoid answers, citing the context.', modern=modern)
    judge = make_signature([('question', 'input', str, None, None), ('answer', 'input', str, None, None), ('verdict', 'output', bool, 'Verdict:', 'Is the answer correct?')],
                           'Judge the answer strictly.', modern=modern)
    draft = make_signature([('question', 'input', str, None, None), ('draft', 'output', str, None, None)], 'Write a first draft.', modern=modern)
    ns = rag_cls.__init__.__globals__
    ns.update(GENERATE_ANSWER=generate, JUDGE=judge, DRAFT=draft)
    prog = rag_cls()
    prog.generate_answer.predict.demos = [
        Example(augmented=True, context=CTX, question='When was the Eiffel Tower completed?', reasoning='The context says it was completed in 1889.', answer='1889'),
        Example(question='Who designed the Eiffel Tower?', answer='Gustave Eiffel\'s company', dspy_uuid='5b1e0c9e-3f43-4c55-9d0e-2f1f6d7a1c11', dspy_split='train').with_inputs('question'),
    ]
    prog.judges['strict'].demos = [Example(augmented=True, question='Capital of France?', answer='Paris', verdict=True)]
    prog._compiled = True
    return prog


def whole_program(folder, rag_cls, meta, modern, lm):
    prog = build_rag(rag_cls, modern)
    if lm is not None:
        prog.generate_answer.predict.lm = lm
    out(os.path.join(folder, 'program.pkl'), cloudpickle.dumps(prog, protocol=5))
    out(os.path.join(folder, 'metadata.json'), dspy_json(meta))
    state = prog.dump_state()
    state['metadata'] = meta
    out(folder + '.state.json', dspy_json(state))
    return prog


def by_value_class():
    """The user's program class defined in __main__ (or registered with modules_to_serialize): its code travels in the pickle."""
    ns = {'__name__': '__main__', 'dspy': dspy_namespace()}
    exec(compile(RAG_SOURCE, 'rag_app/program.py', 'exec'), ns)
    return ns['RAG']


def by_reference_class():
    """The user's program class imported from their package: the pickle names it and holds no code."""
    mod = fake_module('rag_app.programs')
    ns = mod.__dict__
    ns['dspy'] = dspy_namespace()
    exec(compile(RAG_SOURCE, 'rag_app/programs.py', 'exec'), ns)
    return ns['RAG']


def whole_programs():
    Module.modern = True
    LM.era = '3.3'
    whole_program('whole-program-by-value', by_value_class(), META_33, True, LM('openai/gpt-4o-mini', temperature=0.0, max_tokens=4000))
    Module.modern = False
    LM.era = '2.6'
    # 2.6.27 still wrote api_key into the lm state (and pickled it with the LM object).
    whole_program('whole-program-by-reference', by_reference_class(), META_26, False, LM('openai/gpt-4o-mini', temperature=1.0, max_tokens=1000, api_key='sk-proj-fixture-not-a-real-key'))
    Module.modern = True
    LM.era = '3.3'


# ---------------------------------------------------------------------------------------------
# MLflow DSPy flavor: MLmodel + data/model.pkl (a wrapper holding the program and dspy.settings).

class DspyModelWrapper:
    def __init__(self, model, dspy_settings, model_config=None):
        self.model = model
        self.dspy_settings = dspy_settings
        self.model_config = model_config or {}


place('mlflow.dspy.wrapper', DspyModelWrapper)


class Settings:
    pass


place('dspy.dsp.utils.settings', Settings)

MLMODEL = '''artifact_path: model
flavors:
  dspy:
    code: null
    model_path: model.pkl
    dspy_version: 3.3.1
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.dspy
    model_path: model.pkl
    python_version: 3.11.9
is_signature_from_type_hint: false
mlflow_version: 3.1.0
model_size_bytes: 4210
model_uuid: 6c1f2d9a7b3e4f05a1d2c3b4e5f60718
run_id: 0f3b9c1d2e4a4b6c8d0e1f2a3b4c5d6e
utc_time_created: '2026-03-02 10:15:42.123456'
'''


def mlflow_folder():
    prog = build_rag(by_value_class(), True)
    lm = LM('openai/gpt-4o-mini', temperature=0.0, max_tokens=4000, api_key='sk-proj-mlflow-fixture-key')
    settings = {'lm': lm, 'adapter': None, 'rm': None, 'trace': [], 'callbacks': [], 'async_max_workers': 8}
    wrapper = DspyModelWrapper(prog, settings, {'temperature': 0.0})
    out('mlflow-model/MLmodel', MLMODEL.encode('utf-8'))
    out('mlflow-model/requirements.txt', b'mlflow==3.1.0\ncloudpickle==3.1.1\ndspy==3.3.1\n')
    out('mlflow-model/data/model.pkl', cloudpickle.dumps(wrapper, protocol=5))


# ---------------------------------------------------------------------------------------------
# 5. Sibling frameworks: DSPy.rb program storage and export bundle (lib/dspy/storage/), ax optimized program.

def dspy_rb():
    program = {
        'program_id': 'qa-2026-03-02-7f3a',
        'saved_at': '2026-03-02T10:15:42Z',
        'program_data': {
            'class_name': 'DSPy::Predict',
            'state': {
                'signature_class': 'AnswerQuestion',
                'instruction': 'Answer the question in one short sentence.',
                'few_shot_examples': [
                    {'input': {'question': 'When was the Eiffel Tower completed?'}, 'output': {'answer': '1889'}},
                    {'input': {'question': 'Who designed it?'}, 'output': {'answer': 'Gustave Eiffel\'s company'}},
                ],
            },
        },
        'optimization_result': {'best_score_value': 0.82, 'best_score_name': 'accuracy', 'optimizer': 'MIPROv2'},
        'metadata': {'dspy_version': '0.30.1', 'ruby_version': '3.3.5', 'saved_with': 'DSPy::Storage::ProgramStorage'},
    }
    out('dspy-rb-program.json', (json.dumps(program, indent=2) + '\n').encode('utf-8'))
    second = json.loads(json.dumps(program))
    second['program_id'] = 'summarize-2026-03-02-91c2'
    second['program_data']['state'] = {'signature_class': 'Summarize', 'instruction': 'Summarize the passage.', 'few_shot_examples': []}
    bundle = {'exported_at': '2026-03-03T08:00:00Z', 'dspy_version': '0.30.1', 'programs': [program, second]}
    out('dspy-rb-export.json', (json.dumps(bundle, indent=2) + '\n').encode('utf-8'))


def ax():
    program = {
        'version': '2.0',
        'instruction': 'Classify the support email by urgency.',
        'demos': [
            {'traces': [{'emailText': 'The server is down!', 'priority': 'high'}, {'emailText': 'Lunch on Friday?', 'priority': 'low'}], 'programId': 'root'},
        ],
        'examples': [{'emailText': 'Invoice attached', 'priority': 'normal'}],
        'modelConfig': {'temperature': 0.2, 'maxTokens': 256},
        'optimizerType': 'MiPRO',
        'optimizationTime': 41234,
        'totalRounds': 8,
        'converged': True,
        'bestScore': 0.91,
        'stats': {'totalCalls': 96, 'successfulDemos': 2},
        'timestamp': '2026-03-02T10:15:42.000Z',
    }
    out('ax-program.json', (json.dumps(program, indent=2) + '\n').encode('utf-8'))


# ---------------------------------------------------------------------------------------------
# 6. A pickle with NumPy arrays (the CLI summarises them).

def numpy_pickle():
    import numpy as np
    value = {'embeddings': np.arange(12, dtype=np.float32).reshape(3, 4), 'ids': np.array([3, 1, 2], dtype=np.int64), 'name': 'corpus'}
    import pickle
    out('numpy-arrays.pkl', pickle.dumps(value, protocol=4))


if __name__ == '__main__':
    bare_predict()
    empty_module()
    dspy_33()
    typed_demos()
    whole_programs()
    mlflow_folder()
    dspy_rb()
    ax()
    numpy_pickle()
    print('wrote', OUT)
