import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/env';

describe('configuration', () => {
  it('defaults to the embedded engine under ./data on 127.0.0.1, without the demo', () => {
    const config = loadConfig({});
    expect(config.storage).toEqual({ kind: 'embedded', dataDir: path.resolve('data') });
    expect(config.seedDemo).toBe(false);
    expect(config.exposed).toBe(false);
    expect(config.port).toBe(3000);
  });

  it.each([
    ['127.0.0.1', undefined, true],
    ['127.8.9.10', undefined, true],
    ['localhost', undefined, true],
    ['::1', undefined, true],
    ['127.0.0.1', 'http://localhost:3000', true],
    ['0.0.0.0', undefined, false],
    ['::', undefined, false],
    ['10.0.0.5', undefined, false],
    ['neuvottelu.example.fi', undefined, false],
    ['127.0.0.1', 'https://neuvottelu.example.fi', false],
  ])('SEED_DEMO=true on HOST %s with PUBLIC_URL %s seeds: %s', (host, publicUrl, seeds) => {
    const config = loadConfig({
      HOST: host,
      SEED_DEMO: 'true',
      ...(publicUrl && { PUBLIC_URL: publicUrl }),
    });
    expect(config.demoRequested).toBe(true);
    expect(config.seedDemo).toBe(seeds);
    expect(config.exposed).toBe(!seeds);
  });

  it('reminds of consent deadlines a day ahead, looking every minute, unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({
      consentReminderLeadMs: 24 * 3_600_000,
      consentReminderIntervalMs: 60_000,
    });
    expect(
      loadConfig({ CONSENT_REMINDER_LEAD_MINUTES: '90', CONSENT_REMINDER_INTERVAL_MS: '500' }),
    ).toMatchObject({ consentReminderLeadMs: 90 * 60_000, consentReminderIntervalMs: 500 });
  });

  it('retries refused email from 30 s on and gives up after three days, unless told otherwise', () => {
    expect(loadConfig({}).outbox).toEqual({ retryBaseMs: 30_000, giveUpMs: 72 * 3_600_000 });
    expect(loadConfig({ OUTBOX_RETRY_MS: '200', OUTBOX_GIVE_UP_HOURS: '0.5' }).outbox).toEqual({
      retryBaseMs: 200,
      giveUpMs: 1_800_000,
    });
  });

  it('selects MongoDB by MONGODB_URI and then never seeds', () => {
    const config = loadConfig({
      MONGODB_URI: 'mongodb://db.example:27017/?replicaSet=rs0',
      SEED_DEMO: 'true',
    });
    expect(config.storage).toMatchObject({ kind: 'mongodb', dbName: 'neuvottelu' });
    expect(config.seedDemo).toBe(false);
  });

  it('runs alone without REDIS_URL; with it, channels are prefixed by the database name', () => {
    expect(loadConfig({}).redis).toBeUndefined();
    const mongo = { MONGODB_URI: 'mongodb://db.example:27017/', MONGODB_DB: 'kaupunki' };
    expect(loadConfig({ ...mongo, REDIS_URL: 'redis://cache.example:6379' }).redis).toEqual({
      url: 'redis://cache.example:6379',
      prefix: 'neuvottelu:kaupunki:',
    });
    expect(
      loadConfig({ ...mongo, REDIS_URL: 'redis://cache.example', REDIS_PREFIX: 'k2:' }).redis,
    ).toEqual({ url: 'redis://cache.example', prefix: 'k2:' });
  });

  it('refuses REDIS_URL with the embedded database, which serves exactly one process', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/MONGODB_URI/);
    expect(() =>
      loadConfig({ MONGODB_URI: 'mongodb://db.example/', REDIS_URL: 'http://cache.example' }),
    ).toThrow(/REDIS_URL/);
  });

  it('trusts no proxy by default, and never every hop: `true` is the one proxy in front', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
  });

  it.each([
    ['TRUST_PROXY', { TRUST_PROXY: 'kaikki' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }],
    ['TRUST_PROXY', { TRUST_PROXY: '-1' }],
    ['PORT', { PORT: 'eighty' }],
    ['MONGODB_URI', { MONGODB_URI: 'postgres://x' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://x' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['CONSENT_REMINDER_LEAD_MINUTES', { CONSENT_REMINDER_LEAD_MINUTES: '0' }],
    ['CONSENT_REMINDER_INTERVAL_MS', { CONSENT_REMINDER_INTERVAL_MS: 'often' }],
    ['OUTBOX_RETRY_MS', { OUTBOX_RETRY_MS: '0' }],
    ['OUTBOX_GIVE_UP_HOURS', { OUTBOX_GIVE_UP_HOURS: 'never' }],
  ])('a bad %s stops startup with a message naming it', (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });
});
