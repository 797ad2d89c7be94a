/**
 * One RFC 6902 operation: the single type that edits, migrations, history and the text patchers
 * (JSON and YAML keep untouched bytes by splicing these into the source) all share. A union, so
 * a `move` always names its `from` and an `add` always carries its value.
 */
export type Operation =
  { op: 'add' | 'replace' | 'test'; path: string; value: unknown } | { op: 'remove'; path: string } | { op: 'move' | 'copy'; path: string; from: string };
