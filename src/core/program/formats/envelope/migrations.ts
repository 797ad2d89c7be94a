/**
 * The versioned envelope's migrations. Same major = compatible; an older minor is brought up step
 * by step; another major is incompatible unless the user asks to try anyway, which runs the known
 * cross-major steps. Keys keep the writer's form: a YAML file with Ruby symbol keys (`:parameters:`)
 * gets `:streaming_enabled:`, a JSON file gets `streaming_enabled`.
 */
import { isObject, keyForWrite, keyOf, usesSymbolKeys, type PlainObject } from '../../model/keys';
import { getAt, joinPointer } from '../../../engine/json-pointer';
import type { Operation, Program } from '../../model/program';
import type { Migration, MigrationOutput } from '../../model/migration';

export const KNOWN_ENVELOPE_VERSION = '1.1.0';

/** `version` written in the root's own key form. */
function setVersion(value: unknown, version: string): Operation[] {
  if (!isObject(value)) return [];
  const key = keyOf(value, 'version');
  if (key === undefined) return [{ op: 'add', path: joinPointer('', keyForWrite('version', usesSymbolKeys(value))), value: version }];
  return value[key] === version ? [] : [{ op: 'replace', path: joinPointer('', key), value: version }];
}

function versionOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const key = keyOf(value, 'version');
  const v = key === undefined ? undefined : value[key];
  return typeof v === 'string' ? v : undefined;
}

function modulesOf(value: unknown, program: Program): Array<{ id: string; pointer: string; state: PlainObject }> {
  const out: Array<{ id: string; pointer: string; state: PlainObject }> = [];
  for (const m of program.modules) {
    const state = getAt(value, m.pointer);
    if (isObject(state)) out.push({ id: m.id, pointer: m.pointer, state });
  }
  return out;
}

function renameKey(obj: PlainObject, base: string, from: string, to: string): Operation[] {
  const src = keyOf(obj, from);
  if (src === undefined || keyOf(obj, to) !== undefined) return [];
  const sym = src.startsWith(':');
  return [{ op: 'move', from: joinPointer(base, src), path: joinPointer(base, keyForWrite(to, sym)) }];
}

const v09to10: Migration = {
  id: 'envelope.0.9-to-1.0',
  family: 'envelope',
  from: '0.9.0',
  to: '1.0.0',
  description: "Rename the 0.9 keys to 1.0: each module's `demos` → `demonstrations` and `config` → `parameters`, the program's `config` → `configuration`.",
  prevents: 'an "incompatible major version 0 (expected 1)" refusal, and modules that load without their demos and settings',
  apply(value, program): MigrationOutput {
    const ops: Operation[] = [];
    const notes: string[] = [];
    for (const m of modulesOf(value, program)) {
      const renamed = [...renameKey(m.state, m.pointer, 'demos', 'demonstrations'), ...renameKey(m.state, m.pointer, 'config', 'parameters')];
      if (renamed.length > 0)
        notes.push(`${m.id}: ${renamed.map((o) => `${'from' in o ? o.from.split('/').pop() : ''} → ${o.path.split('/').pop()}`).join(', ')}.`);
      ops.push(...renamed);
    }
    const root = isObject(value) ? value : {};
    const progKey = keyOf(root, 'program');
    const prog = progKey !== undefined ? root[progKey] : undefined;
    if (progKey !== undefined && isObject(prog)) ops.push(...renameKey(prog, joinPointer('', progKey), 'config', 'configuration'));
    const current = versionOf(value);
    if (current === undefined || current.startsWith('0.')) ops.push(...setVersion(value, '1.0.0'));
    notes.push('Cross-major step run on request ("try anyway"): check the result before relying on it.');
    return { ops, notes };
  },
};

const v10to11: Migration = {
  id: 'envelope.1.0-to-1.1',
  family: 'envelope',
  from: '1.0.0',
  to: '1.1.0',
  description: "Give every module `parameters.streaming_enabled: false` (1.1.0 requires it; false keeps 1.0's behaviour).",
  prevents: '1.1.0 readers refusing modules without `parameters.streaming_enabled`',
  apply(value, program): MigrationOutput {
    const ops: Operation[] = [];
    const notes: string[] = [];
    let added = 0;
    for (const m of modulesOf(value, program)) {
      const sym = usesSymbolKeys(m.state);
      const paramsKey = keyOf(m.state, 'parameters') ?? keyOf(m.state, 'config');
      const params = paramsKey !== undefined ? m.state[paramsKey] : undefined;
      if (paramsKey !== undefined && isObject(params)) {
        if (keyOf(params, 'streaming_enabled') !== undefined) continue;
        const symParams = Object.keys(params).length > 0 ? usesSymbolKeys(params) : sym;
        ops.push({ op: 'add', path: joinPointer(m.pointer, paramsKey, keyForWrite('streaming_enabled', symParams)), value: false });
      } else if (paramsKey !== undefined) {
        notes.push(`${m.id}: "parameters" is not an object, so streaming_enabled could not be added.`);
        continue;
      } else {
        ops.push({ op: 'add', path: joinPointer(m.pointer, keyForWrite('parameters', sym)), value: { [keyForWrite('streaming_enabled', sym)]: false } });
      }
      added++;
    }
    if (added > 0) notes.push(`streaming_enabled: false added to ${added} module${added > 1 ? 's' : ''}.`);
    ops.push(...setVersion(value, '1.1.0'));
    return { ops, notes };
  },
};

/** In the order they run. */
export const ENVELOPE_MIGRATIONS: readonly Migration[] = [v09to10, v10to11];

export { versionOf as envelopeVersionOf };
