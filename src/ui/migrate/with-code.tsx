/** A sentence from the core whose `backticked` names show as code, as they read in the notes of docs and CLI. */
export function WithCode({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd count of backticks leaves the last one as it was written.
  if (parts.length % 2 === 0) return <>{text}</>;
  return <>{parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : p))}</>;
}
