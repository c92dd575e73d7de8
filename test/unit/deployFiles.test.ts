import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The deployment files stay tied to the code: the image is built and started by the scripts the
// production-build test runs (test/api/productionBuild.test.ts), and .env.example names every
// variable the server reads. No image can be built on the test machines, so this is the link.

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The variables server/env.ts declares in its schema. */
function declaredVariables(): string[] {
  const source = read('server/env.ts');
  const schema = source.slice(source.indexOf('const EnvSchema = z.object({'));
  const body = schema.slice(0, schema.indexOf('\n});'));
  return [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!);
}

describe('deployment files', () => {
  it('.env.example names every variable the server reads, and nothing else of ours', () => {
    const variables = declaredVariables();
    expect(variables.length).toBeGreaterThan(25);
    const example = read('.env.example');
    const named = new Set(
      [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!),
    );
    for (const variable of variables)
      expect({ variable, named: named.has(variable) }).toEqual({
        variable,
        named: true,
      });
    // SITE_ADDRESS is Caddy's (compose.yaml); every other entry must be one the server reads.
    expect([...named].filter((name) => !variables.includes(name))).toEqual(['SITE_ADDRESS']);
  });

  it('the image builds with scripts/package.mjs and runs scripts/start.mjs without the demo', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^RUN node scripts\/package\.mjs \/app$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "scripts\/start\.mjs", "main"\]$/m);
    expect(dockerfile).not.toContain('--demo');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/readyz/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    // The scripts it calls are the ones the production-build test runs.
    const buildTest = read('test/api/productionBuild.test.ts');
    expect(buildTest).toContain('scripts/package.mjs');
    expect(buildTest).toContain('start.mjs');
  });

  it('compose runs two app instances on a MongoDB replica set and Redis, behind Caddy', () => {
    const compose = read('compose.yaml');
    expect(compose).toMatch(/^ {2}app1: \*app$/m);
    expect(compose).toMatch(/^ {2}app2: \*app$/m);
    expect(compose).toContain('replicaSet=rs0');
    expect(compose).toContain('REDIS_URL: redis://redis:6379');
    expect(compose).toContain('rs.initiate');
    expect(compose).not.toContain('SEED_DEMO');
    expect(read('deploy/Caddyfile')).toMatch(/reverse_proxy app1:3000 app2:3000/);
  });
});
