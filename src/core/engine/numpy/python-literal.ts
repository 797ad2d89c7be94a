/**
 * The few Python literals a NumPy header holds: dicts, tuples, lists, strings, integers, True, False
 * and None. A literal, not code: anything else is a syntax error, and nothing is evaluated.
 */
export type PyLiteral = null | boolean | number | string | PyLiteral[] | Map<string, PyLiteral>;

const MAX_DEPTH = 32;

export function parsePythonLiteral(text: string): PyLiteral {
  let at = 0;
  const ws = () => {
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  };
  const error = (what: string): Error => new Error(`${what} at character ${at}`);
  const value = (depth: number): PyLiteral => {
    if (depth > MAX_DEPTH) throw error('Nested too deeply');
    ws();
    const c = text[at];
    if (c === '{') return dict(depth);
    if (c === '(' || c === '[') return sequence(c === '(' ? ')' : ']', depth);
    if (c === "'" || c === '"') return str();
    const word = /^(True|False|None|-?\d+)/.exec(text.slice(at, at + 32));
    if (word) {
      at += word[0].length;
      if (word[0] === 'True') return true;
      if (word[0] === 'False') return false;
      if (word[0] === 'None') return null;
      return Number(word[0]);
    }
    throw error(c === undefined ? 'Unexpected end' : `Unexpected ${JSON.stringify(c)}`);
  };
  const str = (): string => {
    const quote = text[at++];
    let out = '';
    while (at < text.length && text[at] !== quote) {
      if (text[at] === '\\') {
        at++;
        const e = text[at++];
        out += e === 'n' ? '\n' : e === 't' ? '\t' : (e ?? '');
      } else out += text[at++];
    }
    if (at >= text.length) throw error('Unterminated string');
    at++;
    return out;
  };
  const sequence = (close: string, depth: number): PyLiteral[] => {
    at++;
    const items: PyLiteral[] = [];
    for (;;) {
      ws();
      if (text[at] === close) {
        at++;
        return items;
      }
      items.push(value(depth + 1));
      ws();
      if (text[at] === ',') at++;
      else if (text[at] !== close) throw error(`Expected , or ${close}`);
    }
  };
  const dict = (depth: number): Map<string, PyLiteral> => {
    at++;
    const out = new Map<string, PyLiteral>();
    for (;;) {
      ws();
      if (text[at] === '}') {
        at++;
        return out;
      }
      const key = value(depth + 1);
      if (typeof key !== 'string') throw error('A dict key must be a string');
      ws();
      if (text[at++] !== ':') throw error('Expected :');
      out.set(key, value(depth + 1));
      ws();
      if (text[at] === ',') at++;
      else if (text[at] !== '}') throw error('Expected , or }');
    }
  };
  const result = value(0);
  ws();
  if (at !== text.length) throw error('Unexpected text after the literal');
  return result;
}
