/**
 * YAML that Python reads back the same. The yaml package writes YAML 1.2, where `yes`, `on`,
 * `2025-06-21T08:30:00Z` and `1_000` are plain strings; PyYAML (YAML 1.1, what Python programs use)
 * reads those as True, a datetime and 1000. An exported DSPy demo with the answer "yes" would come
 * back as a boolean. So exports write YAML with every string that YAML 1.1 would resolve to
 * something else double-quoted; our own 1.2 reader reads the same strings either way.
 *
 * Only fresh writes are affected: a kept text (same syntax, edits spliced in) is written by the
 * yaml layer itself, so untouched bytes stay untouched.
 */
import { Document, isScalar, visit } from 'yaml';
import type { StepOptions, SyntaxEncodeInput, SyntaxLayer } from '../../engine/layers/layer.ts';
import { BUILTIN_LAYERS, LayerRegistry } from '../../engine/layers/registry.ts';
import { yamlLayer } from '../../engine/layers/yaml.ts';

// PyYAML's implicit resolvers (resolver.py), anchored: a plain scalar matching any of them is not a string there.
const YAML11_NON_STRING = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
  /^(?:<<|=)$/,
];

export function yaml11ReadsAsNonString(s: string): boolean {
  return YAML11_NON_STRING.some((re) => re.test(s));
}

const encoder = new TextEncoder();

export const yamlInteropLayer: SyntaxLayer = {
  ...yamlLayer,
  async encode(input: SyntaxEncodeInput, options: StepOptions, ctx) {
    if (input.source) return yamlLayer.encode(input, options, ctx);
    const doc = new Document(input.value);
    visit(doc, {
      Scalar(_key, node) {
        if (isScalar(node) && typeof node.value === 'string' && yaml11ReadsAsNonString(node.value)) node.type = 'QUOTE_DOUBLE';
      },
    });
    if (options.documentStart === true && doc.directives) doc.directives.docStart = true;
    let text = doc.toString({ indentSeq: options.indentSeq !== false, lineWidth: 0 });
    if (options.documentStart === true && !text.startsWith('---')) text = '---\n' + text;
    return encoder.encode((options.bom === true ? '\ufeff' : '') + text);
  },
};

/** The built-in layers with YAML written for YAML 1.1 readers too. */
export const exportRegistry = new LayerRegistry(BUILTIN_LAYERS.map((l) => (l.id === 'yaml' ? yamlInteropLayer : l)));
