// Types for build.mjs, which the browser tests' set-up and the benchmark import from TypeScript.

interface BuildOptions {
  outDir?: string;
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

export const BUILT_STAMP: string;
export function build(options?: BuildOptions): Promise<void>;
export function buildClient(options?: BuildOptions): Promise<void>;
export function bundleServer(options: {
  entryPoints: Record<string, string>;
  outdir: string;
  logLevel?: BuildOptions['logLevel'];
}): Promise<void>;
