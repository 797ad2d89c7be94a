/** How far a long step is: the one progress shape the engine reports and the worker forwards to the page. */
export interface Progress {
  /** What is being done, for people: "gzip", "json", "reading". */
  stage: string;
  done: number;
  total: number;
}
