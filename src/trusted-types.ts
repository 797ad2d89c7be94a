/**
 * Trusted Types (the page's CSP says `require-trusted-types-for 'script'`): no string reaches an HTML
 * or script sink. Monaco brings named policies for its own sinks. What is left are script URLs made
 * by code we do not write the call of (Vite's `?worker` wrappers, the service worker registration) and
 * our own `new Worker(new URL(...))`: the default policy lets through only URLs of this origin, which
 * script-src 'self' would allow anyway, and refuses HTML and script text outright.
 */
interface TrustedTypePolicyFactoryLike {
  createPolicy(name: string, rules: { createScriptURL?(input: string): string }): unknown;
}

export function installTrustedTypes(): void {
  const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactoryLike }).trustedTypes;
  if (!factory) return; // browsers without Trusted Types: the CSP's other rules still hold
  factory.createPolicy('default', {
    createScriptURL(input: string): string {
      const url = new URL(input, document.baseURI);
      if (url.origin !== location.origin) throw new TypeError(`Refused a script from ${url.origin}: only this site's own scripts run here.`);
      return url.href;
    },
  });
}
