/** Planning an envelope migration: semantic versions, one known target, read-only for files newer than it. */
import type { MigrationContext, MigrationPlan, MigrationTarget, ReadOnly } from '../../model/migration';
import type { Program } from '../../model/program';
import { compareSemVer, parseSemVer } from '../../model/semver';
import type { KindMigrations, MigrationTools } from '../kind';
import { noMigrationPlan } from '../../model/migration';
import { envelopeVersionOf, ENVELOPE_MIGRATIONS, KNOWN_ENVELOPE_VERSION } from './migrations';

const ENVELOPE_TARGET: MigrationTarget = { id: KNOWN_ENVELOPE_VERSION, version: KNOWN_ENVELOPE_VERSION, label: `Envelope ${KNOWN_ENVELOPE_VERSION}` };

/** Only the envelope itself and its module file carry the envelope's version; Desiru's to_h has none. */
const migrates = (program: Program): boolean => program.format === 'envelope' || program.format === 'envelope-module';

function readOnlyReason(value: unknown, program: Program): ReadOnly | undefined {
  if (!migrates(program)) return undefined;
  const version = envelopeVersionOf(value);
  const parsed = version !== undefined ? parseSemVer(version) : undefined;
  const known = parseSemVer(KNOWN_ENVELOPE_VERSION);
  if (!parsed || !known || compareSemVer(parsed, known) <= 0) return undefined;
  return {
    reason: `This file was written by envelope version ${version}, newer than ${KNOWN_ENVELOPE_VERSION}, the newest this app knows. It is open read-only, so nothing it holds can be lost by saving.`,
  };
}

function planEnvelope(value: unknown, program: Program, targetId: string | undefined, tools: MigrationTools): MigrationPlan {
  const version = envelopeVersionOf(value);
  const from = `envelope ${version ?? '(no version)'}`;
  const base: MigrationPlan = { family: 'envelope', from, target: ENVELOPE_TARGET, targets: [ENVELOPE_TARGET], steps: [], needed: false, reason: '' };
  if (targetId !== undefined && targetId !== ENVELOPE_TARGET.id) {
    return { ...base, reason: `Unknown envelope target "${targetId}" (known: ${KNOWN_ENVELOPE_VERSION}).` };
  }
  const readOnly = readOnlyReason(value, program);
  if (readOnly) return { ...base, readOnly, reason: readOnly.reason };
  const parsed = version !== undefined ? parseSemVer(version) : undefined;
  const known = parseSemVer(KNOWN_ENVELOPE_VERSION) as [number, number, number];
  if (version !== undefined && !parsed) return { ...base, reason: `Version "${version}" is not a semantic version (MAJOR.MINOR.PATCH); nothing to migrate.` };
  if (parsed && compareSemVer(parsed, known) === 0) return { ...base, reason: `Envelope ${version} is the current version.` };
  const ctx: MigrationContext = { target: ENVELOPE_TARGET, tryAnyway: tools.tryAnyway };
  // Steps whose `to` is newer than the file; without a version the file is taken for 1.0.0.
  const fromV = parsed ?? ([1, 0, 0] as [number, number, number]);
  const chain = ENVELOPE_MIGRATIONS.filter((m) => compareSemVer(parseSemVer(m.to) as [number, number, number], fromV) > 0);
  if (fromV[0] !== known[0]) {
    const message = `Envelope ${version ?? '?'} has major version ${fromV[0]}; this app reads major ${known[0]} (${KNOWN_ENVELOPE_VERSION}). The versions are incompatible.`;
    const incompatible = { fileVersion: version ?? '?', knownVersion: KNOWN_ENVELOPE_VERSION, message };
    if (!tools.tryAnyway) return { ...base, needed: true, incompatible, reason: `${message} "Try anyway" runs the known cross-major steps.` };
    const { steps } = tools.runChain(value, program, chain, ctx);
    return { ...base, needed: true, incompatible, steps, reason: `${message} Trying anyway with the known cross-major steps.` };
  }
  const { steps } = tools.runChain(
    value,
    program,
    chain.filter((m) => (parseSemVer(m.from) as [number, number, number])[0] === known[0]),
    ctx,
  );
  return {
    ...base,
    steps,
    needed: steps.some((s) => s.ops.length > 0),
    reason: `Saved as envelope ${version ?? '(no version)'}; ${KNOWN_ENVELOPE_VERSION} adds fields it lacks. Migrate…`,
  };
}

export const envelopeMigrations: KindMigrations = {
  readOnly: readOnlyReason,
  plan(value, program, targetId, tools) {
    if (!migrates(program)) {
      return noMigrationPlan(program);
    }
    return planEnvelope(value, program, targetId, tools);
  },
};
