/** The program bar's "Compare…" action and the mount point of the comparison view. */
import { useCompareStore } from '../../state/compare-store';
import { ComparePanel } from './compare-panel';

export function CompareButton() {
  const open = useCompareStore((s) => s.open);
  const show = useCompareStore((s) => s.show);
  return (
    <>
      <button type="button" className="button small" onClick={show} title="Compare this program with another file or a version">
        Compare…
      </button>
      {open && <ComparePanel />}
    </>
  );
}
