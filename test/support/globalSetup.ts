import type { TestProject } from 'vitest/node';
import { startFerretDB } from './ferretdb';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
  }
}

/**
 * One MongoDB-compatible server for the whole run: MONGODB_URI when set, else FerretDB. A server
 * that cannot start fails the run; the MongoDB tests are never skipped silently.
 */
export default async function setup(project: TestProject) {
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide('mongodbUri', external);
    console.log(`[tests] MongoDB engine: MONGODB_URI (${new URL(external).host})`);
    return;
  }
  const ferret = await startFerretDB();
  project.provide('mongodbUri', ferret.uri);
  console.log(`[tests] MongoDB engine: FerretDB v1.24 (SQLite) at ${ferret.uri}`);
  return () => ferret.stop();
}
