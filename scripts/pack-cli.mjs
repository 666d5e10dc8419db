#!/usr/bin/env node
// Packs the `fieldwork` CLI as one installable tarball: `npm install -g fieldwork-<version>.tgz`
// works outside this repository because @fieldwork/core and @fieldwork/agent travel inside it
// as bundled dependencies (they are workspace packages, not on the registry, and npm does not
// bundle workspace links by itself). Every other dependency installs from the registry as usual.
//
//   npm run build && node scripts/pack-cli.mjs [--out DIR]
//
// Prints the tarball's path on the last line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, 'dist-pack'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

for (const p of ['agent', 'core', 'fieldwork']) {
  if (!existsSync(join(root, 'packages', p, 'dist', 'index.js'))) {
    console.error(`packages/${p}/dist is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const staging = mkdtempSync(join(tmpdir(), 'fieldwork-pack-'));
try {
  // `npm pack` of each workspace gives exactly what each package publishes (its `files`).
  execFileSync(npm, ['pack', '--silent', '-w', '@fieldwork/agent', '-w', '@fieldwork/core', '-w', 'fieldwork', '--pack-destination', staging], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = (prefix) => {
    const name = readdirSync(staging).find((f) => f.startsWith(prefix) && f.endsWith('.tgz'));
    if (!name) throw new Error(`npm pack made no ${prefix}*.tgz in ${staging}`);
    return join(staging, name);
  };
  const unpack = (file, into) => {
    mkdirSync(into, { recursive: true });
    execFileSync('tar', ['-xzf', file, '-C', into, '--strip-components=1']);
  };
  const cli = join(staging, 'cli');
  unpack(tarball('fieldwork-0'), cli);
  unpack(tarball('fieldwork-agent-'), join(cli, 'node_modules', '@fieldwork', 'agent'));
  unpack(tarball('fieldwork-core-'), join(cli, 'node_modules', '@fieldwork', 'core'));
  const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
  const manifestFile = join(cli, 'package.json');
  const manifest = readJson(manifestFile);
  manifest.bundleDependencies = ['@fieldwork/agent', '@fieldwork/core'];
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  // npm counts a bundled package's own dependencies as part of the bundle and leaves them empty
  // on install; the CLI declares each of them itself (same versions), and Node finds them one
  // folder up, so the bundled copies drop their lists.
  for (const name of manifest.bundleDependencies) {
    const file = join(cli, 'node_modules', name, 'package.json');
    const bundled = readJson(file);
    for (const [dep, range] of Object.entries(bundled.dependencies ?? {})) {
      if (manifest.dependencies?.[dep] !== range) throw new Error(`${name} needs ${dep}@${range}, which the fieldwork package does not declare the same way`);
    }
    delete bundled.dependencies;
    writeFileSync(file, JSON.stringify(bundled, null, 2) + '\n');
  }
  mkdirSync(out, { recursive: true });
  const name = execFileSync(npm, ['pack', '--silent', '--pack-destination', out], { cwd: cli, encoding: 'utf8' }).trim().split('\n').pop();
  console.log(join(out, name));
} finally {
  rmSync(staging, { recursive: true, force: true });
}
