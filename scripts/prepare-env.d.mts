// Types of scripts/prepare-env.mjs, for the TypeScript scripts that import it (db/seed-cli.ts).
export declare const root: string;
export declare const envFile: string;
export declare function parseEnv(text: string): Record<string, string>;
export declare function readEnvLocal(): Record<string, string>;
/** Returns true when it had to write something. */
export declare function ensureEnvLocal(): boolean;
