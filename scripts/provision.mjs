#!/usr/bin/env node
// Installs what the tests need beyond npm: FerretDB (the MongoDB-compatible server the contract
// suite runs against), Debian's redis-server (the pub/sub between server instances) and Debian's
// Chromium for the browser tests, and veraPDF (Java, from Maven Central) for the PDF/A check of
// exported PDFs. Idempotent: it does nothing when all are present, and says
// plainly what is missing when it cannot install it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FERRETDB_VERSION = 'v1.24.2';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FERRETDB_BIN = path.join(root, '.cache', 'bin', 'ferretdb');
const CHROMIUM = '/usr/bin/chromium';
const REDIS_SERVER = '/usr/bin/redis-server';
export const VERAPDF_VERSION = '1.26.2';
export const VERAPDF_LIB = path.join(root, '.cache', 'verapdf', VERAPDF_VERSION);

function log(message) {
  console.log(`[provision] ${message}`);
}

function fail(message) {
  console.error(`[provision] MISSING: ${message}`);
  process.exit(1);
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function ferretdbVersion() {
  if (!fs.existsSync(FERRETDB_BIN)) return undefined;
  const result = spawnSync(FERRETDB_BIN, ['--version'], { encoding: 'utf8' });
  return /version:\s*(v[\d.]+)/.exec(result.stdout ?? '')?.[1];
}

function provisionFerretDB() {
  if (process.env.MONGODB_URI) {
    log('MONGODB_URI is set: tests use that server, FerretDB is not needed.');
    return;
  }
  if (ferretdbVersion() === FERRETDB_VERSION) {
    log(`FerretDB ${FERRETDB_VERSION} present.`);
    return;
  }
  if (!has('go')) {
    fail(
      `FerretDB ${FERRETDB_VERSION} is needed for the MongoDB tests and is built with Go (1.22+), ` +
        'which is not installed. Install Go, or set MONGODB_URI to a MongoDB server for the tests.',
    );
  }
  log(`building FerretDB ${FERRETDB_VERSION} with Go (about a minute, once)…`);
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };
  // `go install …@version` needs the proxy's version list, which is not always served; downloading
  // the exact version and building it works with the module proxy alone.
  const info = JSON.parse(
    execFileSync(
      'go',
      ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`],
      {
        env,
        encoding: 'utf8',
      },
    ),
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
  try {
    fs.cpSync(info.Dir, work, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', work]);
    // A module download lacks the version file FerretDB's build normally generates from git.
    fs.writeFileSync(path.join(work, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    fs.mkdirSync(path.dirname(FERRETDB_BIN), { recursive: true });
    execFileSync('go', ['build', '-o', FERRETDB_BIN, './cmd/ferretdb'], {
      cwd: work,
      env,
      stdio: 'inherit',
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const version = ferretdbVersion();
  if (version !== FERRETDB_VERSION)
    fail(`FerretDB build did not produce ${FERRETDB_VERSION} (got ${version}).`);
  log(`FerretDB ${version} built at ${path.relative(root, FERRETDB_BIN)}.`);
}

/** Install Debian packages as root, or stop and say what to run. */
function aptInstall(packages, why) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !has('apt-get')) {
    fail(
      `${why} On Debian/Ubuntu run as root: apt-get update && apt-get install -y ${packages.join(' ')}`,
    );
  }
  log(`installing Debian ${packages.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { env, stdio: 'inherit' });
}

function provisionChromium() {
  if (fs.existsSync(CHROMIUM)) {
    log('Chromium present.');
    return;
  }
  aptInstall(
    ['chromium', 'fonts-dejavu-core'],
    `Chromium is needed for the browser tests at ${CHROMIUM}.`,
  );
  if (!fs.existsSync(CHROMIUM)) fail(`apt-get finished but ${CHROMIUM} is still missing.`);
  log('Chromium installed.');
}

function provisionRedis() {
  if (process.env.REDIS_URL) {
    log('REDIS_URL is set: tests use that server, redis-server is not needed.');
    return;
  }
  if (fs.existsSync(REDIS_SERVER)) {
    log('redis-server present.');
    return;
  }
  // Only the binary: the tests start their own servers, so Debian's service is not needed.
  aptInstall(
    ['redis-server'],
    `redis-server is needed for the tests of several instances at ${REDIS_SERVER}.`,
  );
  if (!fs.existsSync(REDIS_SERVER)) fail(`apt-get finished but ${REDIS_SERVER} is still missing.`);
  log('redis-server installed.');
}

/**
 * veraPDF's validation library and its dependencies, fetched with Maven. Only the PDF/A test
 * needs it and skips without it, so a failure here is a warning, not a stop.
 */
function provisionVeraPdf() {
  if (fs.existsSync(path.join(VERAPDF_LIB, `validation-model-${VERAPDF_VERSION}.jar`))) {
    log(`veraPDF ${VERAPDF_VERSION} present.`);
    return;
  }
  if (!has('java') || !has('mvn')) {
    if (process.getuid?.() !== 0) {
      console.warn('[provision] veraPDF needs Java and Maven (the PDF/A test will skip).');
      return;
    }
    aptInstall(['default-jre-headless', 'maven'], 'Java and Maven are needed to fetch veraPDF.');
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'verapdf-'));
  try {
    fs.writeFileSync(
      path.join(work, 'pom.xml'),
      `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>neuvottelu</groupId><artifactId>verapdf</artifactId><version>1</version>
<dependencies><dependency><groupId>org.verapdf</groupId><artifactId>validation-model</artifactId>
<version>${VERAPDF_VERSION}</version></dependency></dependencies></project>\n`,
    );
    // veraPDF's poms name their own repository too; everything it needs is on Maven Central.
    fs.writeFileSync(
      path.join(work, 'settings.xml'),
      '<settings><mirrors><mirror><id>central</id><mirrorOf>*</mirrorOf>' +
        '<url>https://repo.maven.apache.org/maven2</url></mirror></mirrors></settings>\n',
    );
    log(`fetching veraPDF ${VERAPDF_VERSION} with Maven…`);
    execFileSync(
      'mvn',
      [
        '-q',
        '-B',
        '-s',
        'settings.xml',
        'dependency:copy-dependencies',
        `-DoutputDirectory=${VERAPDF_LIB}`,
      ],
      { cwd: work, stdio: 'inherit' },
    );
    log(`veraPDF ${VERAPDF_VERSION} at ${path.relative(root, VERAPDF_LIB)}.`);
  } catch (error) {
    console.warn(`[provision] veraPDF not fetched (the PDF/A test will skip): ${error.message}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  provisionFerretDB();
  provisionRedis();
  provisionChromium();
  provisionVeraPdf();
}
