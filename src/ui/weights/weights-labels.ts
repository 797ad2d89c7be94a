/** Words for what a weights summary holds: the format line, the kind of folder, roles of files. */
import type { FileRole, FolderEntry, FolderSummary } from '../../core/engine/weights/model-folder';

export const KIND_LABEL: Record<FolderSummary['kind'], string> = {
  'hf-model': 'Hugging Face model folder',
  embeddings: 'dspy.Embeddings folder',
  weights: 'Weights',
};

export const ROLE_LABEL: Record<FileRole, string> = {
  weights: 'weights',
  'shard-index': 'shard index',
  config: 'config',
  tokenizer: 'tokenizer',
  pickle: 'pickle',
  json: 'JSON',
  other: 'other',
};

export function fileFormatLabel(entry: FolderEntry): string | undefined {
  switch (entry.format) {
    case 'safetensors':
      return 'safetensors';
    case 'gguf':
      return `GGUF v${entry.version ?? '?'}`;
    case 'npy':
      return `NumPy .npy ${entry.version ?? ''}`.trim();
    case 'npz':
      return 'NumPy .npz';
    default:
      return undefined;
  }
}

/** "safetensors · 2 shards", "GGUF v3", "NumPy .npy 1.0 + NumPy .npz". */
export function formatLine(summary: FolderSummary): string {
  const weights = summary.files.filter((f) => f.format);
  const labels = new Map<string, number>();
  for (const f of weights) {
    const label = fileFormatLabel(f) ?? '';
    labels.set(label, (labels.get(label) ?? 0) + 1);
  }
  const parts = [...labels].map(([label, n]) => {
    if (label === 'safetensors' && summary.shards) return `safetensors · ${n} shard${n === 1 ? '' : 's'}`;
    return n > 1 ? `${n} × ${label}` : label;
  });
  return parts.join(' + ') || 'No weights file';
}

/** The base name of a path inside a dropped folder. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
