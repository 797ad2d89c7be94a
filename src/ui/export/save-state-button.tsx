/**
 * For a program recovered from a pickle: one click saves the recovered state as the JSON file a
 * plain `program.load("program.json")` reads, the portable form DSPy recommends.
 */
import { useState } from 'react';
import { useExportStore } from '../../state/export-store';
import { download } from './save-file';

export function SaveStateButton() {
  const exportDocument = useExportStore((s) => s.exportDocument);
  const [problem, setProblem] = useState<string>();
  const save = async () => {
    try {
      const out = await exportDocument({ fileName: 'program.json' });
      download(out.bytes, out.fileName);
      setProblem(undefined);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <button
        type="button"
        className="button small primary"
        onClick={() => void save()}
        title="Write the recovered state as DSPy state JSON: no pickle, nothing to run"
      >
        Save as DSPy state JSON
      </button>
      {problem && (
        <span className="inline-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}
