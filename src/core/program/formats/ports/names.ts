/** The names the ports kind declares (its id, the formats it reads, the ecosystems that write them). */
export interface PortsNames {
  id: 'ports';
  format: 'dspy-go' | 'dsrs' | 'ax' | 'dspy-rb' | 'dspy-ex' | 'dspy4s' | 'dspy-ts' | 'langchain';
  ecosystem: 'dspy-go' | 'dsrs' | 'ax' | 'dspy-rb' | 'dspy-ex' | 'dspy4s' | 'dspy-ts' | 'langchain';
}
