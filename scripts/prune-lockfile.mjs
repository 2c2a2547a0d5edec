// Drops optional platform packages the registry mirror here cannot serve (e.g. msgpackr-extract's darwin/win32
// builds, 404 on this machine's registry) from package-lock.json. Without this, `npm ci` refuses a lock that names
// optional dependencies it has no entry for. Runs after every `npm install` (postinstall); a no-op when clean.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
let lock;
try {
  lock = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  process.exit(0);
}
let pruned = 0;
for (const entry of Object.values(lock.packages ?? {})) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!lock.packages[`node_modules/${name}`]) {
      delete entry.optionalDependencies[name];
      pruned++;
    }
  }
}
if (pruned > 0) {
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  process.stdout.write(`prune-lockfile: removed ${pruned} unresolvable optional dependencies from package-lock.json\n`);
}
