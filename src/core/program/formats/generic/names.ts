/** The names the generic kind declares (its id, the formats it reads, the ecosystems that write them). */
export interface GenericNames {
  id: 'generic';
  format: 'generic';
  ecosystem: 'generic';
}
