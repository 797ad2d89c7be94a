export declare function findChromium(): { path: string | undefined; source: string };
