/**
 * The safety reports, shown first: the open document's when it is a pickle or torch file, and each
 * pickled companion's (a DSPy whole-program folder's program.pkl). Mounted above the content.
 */
import type { Program } from '../../core/program/model/program';
import { useExportStore } from '../../state/export-store';
import type { DocumentSummary } from '../../worker/protocol';
import { containerLabel, pickleStep, safetyOf } from './safety-of';
import { SafetyReport } from './safety-report';
import './pickle.css';
import { useSession } from '../../state/session/session-store';

export function PickleReports({ summary, program }: { summary: DocumentSummary; program: Program }) {
  const companions = useSession((s) => s.companions);
  const step = pickleStep(summary.recipe);
  const safety = safetyOf(summary.recipe);
  const pickled = companions.filter((c) => c.safety);
  if (!safety && pickled.length === 0) return null;
  return (
    <div className="pickle-reports">
      {safety && step && (
        <SafetyReport safety={safety} fileName={summary.name} source={`${containerLabel(step)}, read without running it`}>
          {program.offers.pickleNote !== undefined && (
            <p className="pickle-dspy-note" data-testid="dspy-from-pickle">
              <span>{program.offers.pickleNote}</span>
              <button type="button" className="button small" onClick={() => useExportStore.getState().openDialog({ kind: 'document' })}>
                Save as {program.offers.ownTarget} (safe)
              </button>
            </p>
          )}
        </SafetyReport>
      )}
      {pickled.map((c) => (
        <SafetyReport key={c.name} safety={c.safety!} fileName={c.name} source={`opened beside ${summary.name}, read without running it`} />
      ))}
    </div>
  );
}
