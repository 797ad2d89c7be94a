/**
 * `convert IN OUT --set-metadata KEY=VALUE --remove-metadata KEY` for safetensors and GGUF: a new
 * header, the tensor bytes streamed from IN untouched, and the result read back before it counts.
 */
import { FormatError, formatCount } from '../core/engine/errors.ts';
import { ggufWithMetadata, parseGgufScalar, readGgufHeader, type GgufHeader, type GgufMetadataEdit } from '../core/engine/weights/gguf.ts';
import { readSafetensorsHeader, safetensorsWithMetadata, type SafetensorsHeader } from '../core/engine/weights/safetensors.ts';
import type { SplicePlan } from '../core/engine/weights/splice-plan.ts';
import type { CliIo } from './cli-io.ts';
import type { OpenedWeights } from './weights-report.ts';

export interface MetadataEdits {
  set: Array<[string, string]>;
  remove: string[];
}

/** Takes every --set-metadata/--remove-metadata (they repeat) out of the arguments. */
export function takeMetadataEdits(args: string[]): { edits: MetadataEdits; rest: string[] } {
  const edits: MetadataEdits = { set: [], remove: [] };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--(set-metadata|remove-metadata)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    if (m[1] === 'remove-metadata') edits.remove.push(value);
    else {
      const eq = value.indexOf('=');
      if (eq <= 0) throw new Error(`--set-metadata takes KEY=VALUE, not ${JSON.stringify(value)}`);
      edits.set.push([value.slice(0, eq), value.slice(eq + 1)]);
    }
  }
  return { edits, rest };
}

function safetensorsPlan(header: SafetensorsHeader, edits: MetadataEdits): SplicePlan {
  const metadata: Record<string, string> = { ...(header.metadata ?? {}) };
  for (const key of edits.remove) {
    if (!Object.hasOwn(metadata, key)) throw new FormatError({ code: 'invalid', layer: 'safetensors', message: `There is no metadata key ${key} to remove` });
    delete metadata[key];
  }
  for (const [key, value] of edits.set) metadata[key] = value;
  return safetensorsWithMetadata(header, Object.keys(metadata).length > 0 || header.metadata !== null ? metadata : null);
}

function ggufPlan(header: GgufHeader, weights: OpenedWeights, edits: MetadataEdits): SplicePlan {
  const existing = new Map(header.metadata.map((e) => [e.key, e.value]));
  const changes: GgufMetadataEdit[] = edits.remove.map((key) => ({ key, remove: true as const }));
  for (const [key, text] of edits.set) {
    const was = existing.get(key);
    const type = was && was.type !== 'array' ? was.type : 'string';
    changes.push({ key, value: parseGgufScalar(type, text, key), type });
  }
  return ggufWithMetadata(header, weights.source, changes);
}

export async function convertWeights(weights: OpenedWeights, input: string, output: string, edits: MetadataEdits, io: CliIo): Promise<void> {
  const { header } = weights.file;
  let plan: SplicePlan;
  if (header.format === 'safetensors') plan = safetensorsPlan(header, edits);
  else if (header.format === 'gguf') plan = ggufPlan(header, weights, edits);
  else
    throw new FormatError({
      code: 'unsupported',
      layer: header.format,
      message: `${header.format} files have no metadata to edit; convert writes safetensors and GGUF metadata edits`,
    });
  await io.writeSpliced(output, plan, input);
  // Read back what was written, as every export is, before saying it worked.
  const written = await io.openSource(output);
  try {
    const again = header.format === 'safetensors' ? readSafetensorsHeader(written).tensors.length : readGgufHeader(written).tensors.length;
    io.out(
      `${output}: ${header.format}, ${formatCount(written.size)} bytes, ${again} tensors, metadata edited (${edits.set.length} set, ${edits.remove.length} removed), tensor data copied unchanged\n`,
    );
  } finally {
    written.close();
  }
}
