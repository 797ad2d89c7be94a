/**
 * The page's security policy, in one place: the `<meta>` Content-Security-Policy of index.html, the
 * `_headers` file written into the build for hosts that serve headers from it, and the headers of
 * `vite preview` (so the e2e tests run under the same rules). Why each rule is there: docs/deploy.md.
 */

type Policy = Record<string, readonly string[]>;

/** What the page may load and reach. `connect-src` names no other host: see URL_FETCH_WORKER_POLICY. */
export const PAGE_POLICY: Policy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  // Monaco sets style attributes and injects its style sheets at run time.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'blob:', 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
  // Strings never reach an HTML or script sink; src/trusted-types.ts holds the one default policy.
  'require-trusted-types-for': ["'script'"],
};

/** Only as a header: browsers ignore `frame-ancestors` in a `<meta>` policy (and log an error for it). */
const HEADER_ONLY: Policy = { 'frame-ancestors': ["'none'"] };

/**
 * The `?url=` fetch runs in its own worker (src/worker/url-fetch-worker.ts), which lives by the policy
 * of its own response: this one, where headers are served. It may reach any http(s) host and nothing
 * else: it loads no script but its own modules and puts nothing in a page.
 */
export const URL_FETCH_WORKER_POLICY: Policy = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'connect-src': ['https:', 'http:'],
  'require-trusted-types-for': ["'script'"],
};

/** Where the build puts that worker, as a `_headers` path (the hash in its name changes each build). */
export const URL_FETCH_WORKER_PATH = '/assets/url-fetch-worker-*';

export function formatPolicy(policy: Policy): string {
  return Object.entries(policy)
    .map(([directive, sources]) => [directive, ...sources].join(' '))
    .join('; ');
}

export const META_POLICY = formatPolicy(PAGE_POLICY);
export const HEADER_POLICY = formatPolicy({ ...PAGE_POLICY, ...HEADER_ONLY });

/** Headers for every response; the worker's rule replaces the policy for its one file. */
export const SITE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': HEADER_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Older browsers that know no frame-ancestors.
  'X-Frame-Options': 'DENY',
};

export const URL_FETCH_WORKER_HEADERS: Record<string, string> = {
  'Content-Security-Policy': formatPolicy(URL_FETCH_WORKER_POLICY),
};

/**
 * The `_headers` file (Cloudflare Pages' syntax; Netlify reads the same file): every path gets the
 * site's headers; the worker's path detaches the site policy (`! Header`) and gets its own.
 */
export function headersFile(): string {
  const block = (path: string, lines: string[]) => [path, ...lines.map((l) => `  ${l}`)].join('\n');
  return [
    '# Written by the build from security-headers.ts; see docs/deploy.md. Paths assume the app at the root of its host.',
    block(
      '/*',
      Object.entries(SITE_HEADERS).map(([k, v]) => `${k}: ${v}`),
    ),
    block(URL_FETCH_WORKER_PATH, ['! Content-Security-Policy', ...Object.entries(URL_FETCH_WORKER_HEADERS).map(([k, v]) => `${k}: ${v}`)]),
    '',
  ].join('\n\n');
}

/** The headers a response for `path` (relative to the app's base, starting with "/") gets. */
export function headersFor(path: string): Record<string, string> {
  const worker = new RegExp(`^${URL_FETCH_WORKER_PATH.replace(/[.]/g, '\\.').replace('*', '[^/]*')}$`);
  return worker.test(path) ? { ...SITE_HEADERS, ...URL_FETCH_WORKER_HEADERS } : SITE_HEADERS;
}
