/** The names the dspy kind declares (its id, the formats it reads, the ecosystems that write them). */
export interface DspyNames {
  id: 'dspy';
  format: 'dspy-state' | 'dspy-whole-program';
  ecosystem: 'dspy';
}
