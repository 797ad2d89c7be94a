/** Opens one checkpoint of the series as an ordinary document; the series stays to come back to. */
import { useDocumentStore } from '../document-store';
import { useSeriesStore } from '../series-store';

export async function openCheckpoint(index: number): Promise<boolean> {
  const file = await useSeriesStore.getState().checkpointFile(index);
  if (!file) return false;
  const { bytes } = file;
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  return useDocumentStore.getState().open({ kind: 'bytes', bytes: buffer, name: file.name }, { fromCheckpoint: index });
}
