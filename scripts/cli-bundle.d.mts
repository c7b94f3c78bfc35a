/** The types of scripts/cli-bundle.mjs that TypeScript code imports (bench/import.ts). */
export declare function buildBenchChild(): Promise<string>;
