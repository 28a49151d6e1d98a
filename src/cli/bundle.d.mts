// Types of bundle.mjs (plain JavaScript, so it runs before anything is compiled).
/** node_modules/.cache/dirsync-preflight/cli.mjs */
export declare const BUNDLE: string;
/** Bundles src/cli/main.ts; resolves to the bundle's path. */
export declare function buildBundle(): Promise<string>;
/** The bundle's path, rebuilt first when missing or older than any of its sources. */
export declare function ensureBundle(): Promise<string>;
