import type { TestProject } from 'vitest/node';
import { startFerretDB } from './ferretdb';
import { startRedis } from './redis';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
    redisUrl: string;
  }
}

/**
 * One MongoDB-compatible server for the whole run: MONGODB_URI when set, else FerretDB; and one
 * Redis for the tests of several instances: REDIS_URL when set, else a redis-server of our own
 * (each test's instances get a prefix of their own through their database name). A server that
 * cannot start fails the run; these tests are never skipped silently.
 */
export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];
  const externalRedis = process.env.REDIS_URL;
  if (externalRedis) {
    project.provide('redisUrl', externalRedis);
    console.log(`[tests] Redis: REDIS_URL (${new URL(externalRedis).host})`);
  } else {
    const redis = await startRedis();
    stops.push(() => redis.stop());
    project.provide('redisUrl', redis.url);
    console.log(`[tests] Redis: redis-server at ${redis.url}`);
  }
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide('mongodbUri', external);
    console.log(`[tests] MongoDB engine: MONGODB_URI (${new URL(external).host})`);
  } else {
    const ferret = await startFerretDB().catch(async (error: unknown) => {
      await Promise.all(stops.map((stop) => stop()));
      throw error;
    });
    stops.push(() => ferret.stop());
    project.provide('mongodbUri', ferret.uri);
    console.log(`[tests] MongoDB engine: FerretDB v1.24 (SQLite) at ${ferret.uri}`);
  }
  return () => Promise.all(stops.map((stop) => stop())).then(() => undefined);
}
