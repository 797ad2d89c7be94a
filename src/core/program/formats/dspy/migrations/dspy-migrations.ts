/**
 * The DSPy migration registry: one step per break in DSPy's loading rules (notes §1.1, §1.3, §2,
 * §3), in the order they must run. Steps read the target from the context, so the same chain serves
 * 2.5.x (era D layout), 2.6.x and 3.x (era F layout).
 */
import { eraOfVersion, parseVersion, type DspyEra } from '../eras';
import { deepEqual } from '../../../model/deep-equal';
import { isObject, strOrUndef, type PlainObject } from '../../../model/keys';
import { applyWithInverse } from '../../../model/patch';
import { joinPointer } from '../../../../engine/json-pointer';
import type { Operation } from '../../../model/program';
import { reorderOps } from '../../../model/key-order';
import type { Migration, MigrationContext, MigrationQuestion } from '../../../model/migration';
import { DEFAULT_DSPY_TARGET, dspyTargetById, eraRank, type DspyTarget } from './dspy-targets';
import { hasLegacyKeys, LEGACY_KEYS, predictors, rootOf, short } from './dspy-state-access';
import { describeSource, inferSignature, signatureFromChoice, type InferredSignature } from './infer-signature';

function targetOf(ctx: MigrationContext): DspyTarget {
  return dspyTargetById(ctx.target.id) ?? DEFAULT_DSPY_TARGET;
}

function atLeast(version: string, min: [number, number, number]): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return (v[0] - min[0] || v[1] - min[1] || v[2] - min[2]) >= 0;
}

function fieldNote(key: string, sig: InferredSignature): string {
  const names = sig.names.length > 0 ? sig.names.map((n) => `\`${n}\``).join(', ') : '(none)';
  if (sig.source === 'user') return `${key}: fields written from the signature you gave: ${names}.`;
  return `${key}: field names inferred from ${describeSource(sig)}: ${names} — please confirm them: DSPy matches saved fields to your signature by position.`;
}

const legacySignature: Migration = {
  id: 'dspy.legacy-signature',
  family: 'dspy',
  from: 'era B (2.4.3 – 2.5.5)',
  to: 'era C (2.5.6+)',
  description:
    'Turn `signature_instructions` / `signature_prefix` into a `signature {instructions, fields}` object (and the CoT `extended_signature_*` strings into `extended_signature`).',
  prevents:
    "ValueError: The saved state is from a version of DSPy prior to v2.5.3. Please use `use_legacy_loading=True` to load the state. (2.5.6 – 2.5.42); KeyError: 'signature' (2.5.43+)",
  apply(value, _program, ctx) {
    const ops: Operation[] = [];
    const notes: string[] = [];
    const questions: MigrationQuestion[] = [];
    const legacyReasoning = targetOf(ctx).era === 'D';
    for (const [key, state] of predictors(value)) {
      if (isObject(state.signature) || !hasLegacyKeys(state)) continue;
      const base = joinPointer('', key);
      const instructions = strOrUndef(state.signature_instructions);
      const lastPrefix = strOrUndef(state.signature_prefix);
      const chosen = ctx.choices?.fields?.[key];
      const sig =
        chosen && chosen.length > 0
          ? signatureFromChoice(chosen, instructions, lastPrefix, legacyReasoning)
          : inferSignature(state, instructions, lastPrefix, legacyReasoning);
      for (const k of LEGACY_KEYS) if (k in state) ops.push({ op: 'remove', path: joinPointer(base, k) });
      if (sig.source === 'field-meta') ops.push({ op: 'remove', path: joinPointer(base, 'fields') });
      ops.push({ op: 'add', path: joinPointer(base, 'signature'), value: { instructions: sig.instructions, fields: sig.fields } });
      if ('extended_signature_instructions' in state || 'extended_signature_prefix' in state) {
        const extPrefix = strOrUndef(state.extended_signature_prefix);
        const fields = sig.fields.map((f, i) => (i === sig.fields.length - 1 && extPrefix !== undefined ? { ...f, prefix: extPrefix } : { ...f }));
        ops.push({
          op: 'add',
          path: joinPointer(base, 'extended_signature'),
          value: { instructions: strOrUndef(state.extended_signature_instructions) ?? sig.instructions, fields },
        });
      }
      if (sig.fields.length > 0) notes.push(fieldNote(key, sig));
      if (instructions === undefined) notes.push(`${key}: no instructions were saved; the default "${short(sig.instructions)}" is proposed.`);
      if (sig.fields.length === 0) {
        // Without field names a prefix cannot be placed: DSPy pairs saved fields with the class's by position,
        // so a lone field would be matched to the FIRST input. The prefix waits in the question for the fields.
        const lost = (['signature_prefix', 'extended_signature_prefix'] as const)
          .filter((k) => typeof state[k] === 'string')
          .map((k) => `${k} = ${JSON.stringify(state[k])}`);
        notes.push(
          `${key}: no demos or field metadata to name the fields, so \`fields\` is empty (DSPy then keeps your code's fields).${lost.length > 0 ? ` Not carried, set it on your signature's last field: ${lost.join('; ')}.` : ''}`,
        );
        questions.push({
          kind: 'fields',
          key,
          message:
            `DSPy ${'2.4–2.5.5'} saved no field list for \`${key}\`, only its last field's prefix, and there are no demos to read names from, so its fields cannot be recovered. ` +
            'Written as `fields: []`, DSPy keeps the fields, prefixes and descriptions of your signature class as they are in your code. Paste the signature to write its fields' +
            (lastPrefix !== undefined ? ` (the saved prefix ${JSON.stringify(lastPrefix)} goes to its last field).` : '.'),
          ...(lastPrefix !== undefined ? { knownPrefix: lastPrefix } : {}),
        });
      }
    }
    return { ops, notes, questions };
  },
};

const inferMissingSignature: Migration = {
  id: 'dspy.infer-signature',
  family: 'dspy',
  from: 'era A (≤ 2.3.x)',
  to: 'era C (2.5.6+)',
  description: 'Propose a `signature` for predictors saved without one, inferred from demo keys (marked as inferred, for you to confirm).',
  prevents: 'KeyError: \'signature\' (Predict.load_state reads state["signature"] since 2.5.43)',
  apply(value, _program, ctx) {
    const ops: Operation[] = [];
    const notes: string[] = [];
    const legacyReasoning = targetOf(ctx).era === 'D';
    for (const [key, state] of predictors(value)) {
      if ('signature' in state || hasLegacyKeys(state)) continue;
      const sig = inferSignature(state, undefined, undefined, legacyReasoning);
      if (sig.fields.length === 0 || sig.instructions === '') {
        notes.push(`${key}: no signature is saved and none can be inferred (no demos to read field names from); add one before loading with DSPy 2.5.43+.`);
        continue;
      }
      const base = joinPointer('', key);
      const signature = { instructions: sig.instructions, fields: sig.fields };
      ops.push({ op: 'add', path: joinPointer(base, 'signature'), value: signature });
      notes.push(
        fieldNote(key, sig),
        `${key}: instructions proposed from the field names: "${short(sig.instructions)}" — replace them with your signature's own if it had a docstring.`,
      );
      if (sig.hasReasoning) {
        // A CoT saved its reasoning field in the demos; 2.5 kept the CoT signature as `extended_signature`.
        ops.push({ op: 'add', path: joinPointer(base, 'extended_signature'), value: structuredClone(signature) });
        notes.push(`${key}: its demos carry a reasoning field, so it is taken for a ChainOfThought.`);
      }
    }
    return { ops, notes };
  },
};

function renamedKey(key: string): string {
  return key === 'self' ? 'predict' : `${key}.predict`;
}

const cotToPredict: Migration = {
  id: 'dspy.cot-predict',
  family: 'dspy',
  from: 'era D (2.5.43)',
  to: 'era E (2.6.0+)',
  description:
    'A ChainOfThought `X` saved with `extended_signature` becomes `X.predict` whose signature is the extended one (a top-level `self` becomes `predict`).',
  prevents: "NotImplementedError: Loading extended_signature is no longer supported in DSPy 2.6+ (and KeyError for the CoT's new name `X.predict`)",
  apply(value, _program, ctx) {
    const ops: Operation[] = [];
    const notes: string[] = [];
    const questions: MigrationQuestion[] = [];
    if (eraRank(targetOf(ctx).era) < eraRank('E')) return { ops, notes };
    const root = rootOf(value);
    const renames = new Map<string, string>();
    for (const [key, state] of predictors(value)) {
      const ext = state.extended_signature;
      if (!isObject(ext)) continue;
      const base = joinPointer('', key);
      let at = base;
      if (!key.endsWith('.predict') && key !== 'predict') {
        const next = renamedKey(key);
        if (next in root) {
          notes.push(`${key}: cannot become ${next}, which already exists; its extended signature stays (DSPy 2.6+ will refuse it).`);
          continue;
        }
        renames.set(key, next);
        at = joinPointer('', next);
        ops.push({ op: 'move', from: base, path: at });
      }
      const sig = state.signature;
      const si = isObject(sig) ? strOrUndef(sig.instructions) : undefined;
      const ei = strOrUndef(ext.instructions);
      const disagree = si !== undefined && ei !== undefined && si !== ei;
      const keep = disagree ? (ctx.choices?.instructions?.[key] ?? 'extended') : 'extended';
      const next = keep === 'signature' ? { ...ext, instructions: si } : ext;
      ops.push({ op: 'replace', path: joinPointer(at, 'signature'), value: next }, { op: 'remove', path: joinPointer(at, 'extended_signature') });
      notes.push(
        `${key} → ${renames.get(key) ?? key}: 2.6+ saves a ChainOfThought as its inner predictor; the extended signature (the one 2.5 ran) becomes its signature.`,
      );
      if (disagree) {
        questions.push({
          kind: 'instructions',
          key,
          message: `\`${key}\` has two different instructions, its plain signature's and its extended signature's; DSPy 2.6+ keeps one signature.`,
          signature: si,
          extended: ei,
          default: 'extended',
          why: 'DSPy 2.4–2.5 ran a ChainOfThought with its extended signature, so its instructions are the ones the program was optimized and evaluated with.',
        });
        notes.push(
          keep === 'signature'
            ? `${key}: kept the plain signature's instructions, as chosen; the extended one's are not carried: "${short(ei, 400)}".`
            : `${key}: kept the extended signature's instructions (the ones 2.5 ran); the plain one's are not carried: "${short(si, 400)}".`,
        );
      } else if (isObject(sig) && !deepEqual(sig, ext)) {
        notes.push(`${key}: the plain signature's fields differed from the extended one's; the extended fields are kept.`);
      }
    }
    if (renames.size > 0) {
      // A move re-appends the key: put every key back where it was, under its new name.
      const moved = applyWithInverse(value, ops).value as PlainObject;
      const wanted = Object.keys(root).map((k) => renames.get(k) ?? k);
      ops.push(...reorderOps(moved, wanted, ''));
    }
    return { ops, notes, questions };
  },
};

const dependencyVersions: Migration = {
  id: 'dspy.metadata',
  family: 'dspy',
  from: 'eras A – C (no metadata)',
  to: 'era D (2.5.43+)',
  description:
    'Add `metadata.dependency_versions` (python, dspy, cloudpickle as the target wrote them) where missing; record the target version when the layout was brought up to it.',
  prevents: 'KeyError: \'metadata\' (Module.load reads state["metadata"]["dependency_versions"] unguarded since 2.5.43)',
  apply(value, _program, ctx) {
    const target = targetOf(ctx);
    const ops: Operation[] = [];
    const notes: string[] = [];
    const root = rootOf(value);
    const meta = root.metadata;
    const wanted = target.dependencyVersions;
    if (!('metadata' in root)) {
      ops.push({ op: 'add', path: '/metadata', value: { dependency_versions: { ...wanted } } });
      notes.push(`Added metadata.dependency_versions ${JSON.stringify(wanted)}; DSPy only warns when these differ from the loading environment.`);
      return { ops, notes };
    }
    if (!isObject(meta)) {
      notes.push(`"metadata" is not an object (${JSON.stringify(meta)?.slice(0, 60)}); it is left as is, and DSPy 2.5.43+ will fail on it.`);
      return { ops, notes };
    }
    const deps = meta.dependency_versions;
    if (!isObject(deps)) {
      ops.push({ op: 'add', path: '/metadata/dependency_versions', value: { ...wanted } });
      notes.push(`Added metadata.dependency_versions ${JSON.stringify(wanted)}.`);
      return { ops, notes };
    }
    for (const k of ['python', 'dspy', 'cloudpickle'] as const) {
      if (!(k in deps)) {
        ops.push({ op: 'add', path: joinPointer('/metadata/dependency_versions', k), value: wanted[k] });
        notes.push(`Added metadata.dependency_versions.${k} = "${wanted[k]}".`);
      }
    }
    const saved = strOrUndef(deps.dspy);
    const savedEra: DspyEra | undefined = saved !== undefined ? eraOfVersion(saved) : undefined;
    if (saved !== undefined && savedEra !== undefined && eraRank(savedEra) < eraRank(target.era)) {
      ops.push({ op: 'replace', path: '/metadata/dependency_versions/dspy', value: wanted.dspy });
      notes.push(`metadata.dependency_versions.dspy: "${saved}" → "${wanted.dspy}" (the file now has the ${wanted.dspy} layout).`);
    }
    return { ops, notes };
  },
};

const UNSAFE_LM_KEYS = ['api_base', 'base_url', 'model_list'];

const lmKeys: Migration = {
  id: 'dspy.lm-keys',
  family: 'dspy',
  from: 'any era',
  to: 'the target',
  description:
    'Report `lm` settings the target refuses or drops: `api_key` (never written since 3.0.4), `api_base` / `base_url` / `model_list` (dropped by 3.2+ loaders), `cache_in_memory` (removed in 3.0.3). Nothing is removed.',
  prevents: 'a silent loss on load: "unsafe" LM keys are dropped with a warning unless allow_unsafe_lm_state=True (3.2+)',
  apply(value, _program, ctx) {
    const target = targetOf(ctx);
    const notes: string[] = [];
    for (const [key, state] of predictors(value)) {
      const lm = state.lm;
      if (!isObject(lm)) continue;
      if ('api_key' in lm) notes.push(`${key}: lm.api_key is saved in plain text; DSPy 3.0.4+ never writes it. It is kept: remove it before sharing the file.`);
      if (atLeast(target.version, [3, 2, 0])) {
        const unsafe = UNSAFE_LM_KEYS.filter((k) => k in lm);
        if (unsafe.length > 0)
          notes.push(
            `${key}: lm.${unsafe.join(', lm.')} will be dropped by DSPy ${target.version} on load unless allow_unsafe_lm_state=True. Kept in the file.`,
          );
      }
      if (atLeast(target.version, [3, 0, 3]) && 'cache_in_memory' in lm)
        notes.push(`${key}: lm.cache_in_memory was removed in DSPy 3.0.3; it is kept but passed on as an unknown LM argument.`);
    }
    return { ops: [], notes };
  },
};

const PREDICT_ORDER_D = ['lm', 'traces', 'train', 'demos', 'signature', 'extended_signature'];

const keyOrder: Migration = {
  id: 'dspy.key-order',
  family: 'dspy',
  from: 'eras A – E (`lm` first)',
  to: 'era F (2.6.9+: `lm` last)',
  description: "Write each predictor's keys in the target's order (`lm` last from 2.6.9, first before), add a missing `lm: null`, and keep `metadata` last.",
  prevents: 'KeyError: \'lm\' where a predictor lacks it (2.6.9+ reads state["lm"]); otherwise no error — the order is how tools date a file',
  apply(value, _program, ctx) {
    const target = targetOf(ctx);
    const ops: Operation[] = [];
    const notes: string[] = [];
    for (const [key, state] of predictors(value)) {
      const base = joinPointer('', key);
      if (target.era === 'F') {
        const keys = Object.keys(state);
        if (!('lm' in state)) {
          ops.push({ op: 'add', path: joinPointer(base, 'lm'), value: null });
          notes.push(`${key}: added "lm": null (no LM was saved).`);
        } else if (keys[keys.length - 1] !== 'lm') {
          ops.push({ op: 'move', from: joinPointer(base, 'lm'), path: joinPointer(base, 'lm') });
        }
      } else {
        ops.push(...reorderOps(state, PREDICT_ORDER_D, base));
      }
    }
    const rootKeys = Object.keys(rootOf(value));
    if (rootKeys.includes('metadata') && rootKeys[rootKeys.length - 1] !== 'metadata') ops.push({ op: 'move', from: '/metadata', path: '/metadata' });
    return { ops, notes };
  },
};

/** In the order they run. */
export const DSPY_MIGRATIONS: readonly Migration[] = [legacySignature, inferMissingSignature, cotToPredict, dependencyVersions, lmKeys, keyOrder];
