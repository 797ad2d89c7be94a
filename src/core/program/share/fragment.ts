/**
 * The URL fragment grammar: `#/m/<module id>` selects a module of the open file; `#p=<payload>` carries
 * a shared program, optionally with `&m=<module id>`. Module ids are percent-encoded only where they
 * must be, so `#/m/generate_answer.predict` stays readable.
 */

export interface Fragment {
  /** The share-link payload (base64url), when the link carries a program. */
  payload?: string;
  moduleId?: string;
}

function decodePart(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined; // a malformed escape: treat as no module rather than fail the page
  }
}

export function parseFragment(hash: string): Fragment {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.startsWith('p=')) {
    const amp = text.indexOf('&');
    const payload = amp < 0 ? text.slice(2) : text.slice(2, amp);
    const rest = amp < 0 ? '' : text.slice(amp + 1);
    const moduleId = rest.startsWith('m=') ? decodePart(rest.slice(2)) : undefined;
    return moduleId ? { payload, moduleId } : { payload };
  }
  if (text.startsWith('/m/')) {
    const moduleId = decodePart(text.slice(3));
    return moduleId ? { moduleId } : {};
  }
  return {};
}

/** `#...` (or '' for none). */
export function formatFragment(fragment: Fragment): string {
  const moduleId = fragment.moduleId ? encodeURIComponent(fragment.moduleId) : undefined;
  if (fragment.payload !== undefined) return `#p=${fragment.payload}${moduleId ? `&m=${moduleId}` : ''}`;
  return moduleId ? `#/m/${moduleId}` : '';
}
