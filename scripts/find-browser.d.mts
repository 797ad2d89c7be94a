export declare function findChromium(): { path: string | undefined; source: string };
export declare const CHROMIUM_ARGS: string[];
