/** The types of scripts/cli-bundle.mjs that TypeScript code imports (bench/import.ts, test/import/read-only-ledger.test.ts). */
export declare function buildBenchChild(): Promise<string>;
/** Builds the CLI's bundle when its sources are newer than it; answers its entry's URL. */
export declare function ensureCli(): Promise<string>;
