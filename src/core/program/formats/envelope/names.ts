/** The names the envelope kind declares (its id, the formats it reads, the ecosystems that write them). */
export interface EnvelopeNames {
  id: 'envelope';
  format: 'envelope' | 'envelope-module' | 'desiru';
  ecosystem: 'envelope' | 'desiru';
}
