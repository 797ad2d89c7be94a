/** JSON Schemas (draft 2020-12) of the versioned envelope and its single-module file (plain keys; Ruby symbol keys are normalised before validation). */
type Schema = Record<string, unknown>;

export const envelopeModuleSchema: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Envelope module',
  type: 'object',
  required: ['name', 'class', 'signature'],
  properties: {
    name: { type: 'string', minLength: 1 },
    class: { type: 'string' },
    signature: {
      anyOf: [
        { type: 'string', pattern: '->' },
        { type: 'object', required: ['signature'], properties: { signature: { type: 'string' } } },
      ],
    },
    demonstrations: { type: 'array', items: { type: 'object' } },
    parameters: {
      type: 'object',
      properties: {
        temperature: { type: 'number' },
        max_tokens: { type: 'integer' },
        instruction_template: { type: ['string', 'null'] },
        streaming_enabled: { type: 'boolean' },
      },
    },
    metadata: { type: 'object' },
  },
};

export const envelopeSchema: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Versioned program envelope',
  type: 'object',
  required: ['version', 'program'],
  properties: {
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+' },
    metadata: { type: 'object' },
    program: {
      type: 'object',
      required: ['modules'],
      properties: {
        class: { type: 'string' },
        modules: { type: 'array', items: envelopeModuleSchema },
        configuration: { type: 'object' },
        custom_data: { type: 'object' },
      },
    },
    timestamp: { type: 'string' },
  },
};

export const envelopeModuleFileSchema: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Envelope single-module file',
  type: 'object',
  required: ['module'],
  properties: { module: envelopeModuleSchema, parent_program: { type: 'object' }, exported_at: { type: 'string' } },
};
