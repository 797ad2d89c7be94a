/**
 * JSON Schemas (draft 2020-12) of DSPy state JSON, per layout era, and of one predictor state.
 * Plain objects, so the CLI validates with them and the editor hands them to Monaco.
 */
import type { DspyEra } from './eras';

type Schema = Record<string, unknown>;

const demos: Schema = {
  type: 'array',
  items: { type: 'object' },
  description: 'Few-shot demos: ordered field values; `augmented: true` marks bootstrapped traces.',
};
const fieldRecord: Schema = {
  type: 'object',
  required: ['prefix', 'description'],
  properties: { prefix: { type: 'string' }, description: { type: 'string' } },
};
const signature: Schema = {
  type: 'object',
  required: ['instructions', 'fields'],
  properties: { instructions: { type: 'string' }, fields: { type: 'array', items: fieldRecord } },
};
const lm: Schema = { anyOf: [{ type: 'null' }, { type: 'object', properties: { model: { type: 'string' } } }] };
const list: Schema = { type: 'array' };

function predictor(era: DspyEra): Schema {
  const base: Record<string, Schema> = { lm, traces: list, train: list, demos };
  const required = ['traces', 'train', 'demos'];
  if (era === 'A') return { type: 'object', required: [...required, 'lm'], properties: base };
  if (era === 'B') {
    return {
      type: 'object',
      required: [...required, 'lm', 'signature_instructions', 'signature_prefix'],
      properties: {
        ...base,
        signature_instructions: { type: 'string' },
        signature_prefix: { type: 'string' },
        extended_signature_instructions: { type: 'string' },
        extended_signature_prefix: { type: 'string' },
      },
    };
  }
  const props: Record<string, Schema> = { ...base, signature };
  if (era === 'C' || era === 'D') props.extended_signature = signature;
  return { type: 'object', required: [...required, 'signature', 'lm'], properties: props };
}

export const dspyRetrieveSchema: Schema = { type: 'object', required: ['k'], properties: { k: { type: 'integer', minimum: 0 } }, additionalProperties: false };
const flex: Schema = { type: 'object', required: ['module_src'], properties: { module_src: { type: ['string', 'null'] }, lm } };

const metadata: Schema = {
  type: 'object',
  required: ['dependency_versions'],
  properties: {
    dependency_versions: { type: 'object', properties: { python: { type: 'string' }, dspy: { type: 'string' }, cloudpickle: { type: 'string' } } },
  },
};

/** One predictor's state in the given era (the shape a bare `dspy.Predict` loads under "self"). */
export function dspyPredictorSchema(era: DspyEra = 'F'): Schema {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title: `DSPy predictor state (era ${era})`, ...predictor(era) };
}

export function dspyStateSchema(era: DspyEra): Schema {
  const param: Schema = { anyOf: [predictor(era), dspyRetrieveSchema, ...(era === 'F' ? [flex] : [])] };
  const withMeta = era === 'D' || era === 'E' || era === 'F';
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `DSPy state JSON (era ${era})`,
    type: 'object',
    minProperties: 1,
    properties: withMeta ? { metadata } : {},
    ...(withMeta ? { required: ['metadata'] } : {}),
    additionalProperties: param,
  };
}
