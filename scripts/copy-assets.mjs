// Copies the non-TypeScript files that src/ loads at run time (Lua scripts, SQL migrations) next to their compiled modules.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}
for (const file of walk('src').filter((f) => f.endsWith('.lua') || f.endsWith('.sql'))) {
  const target = join('dist', file.slice('src/'.length));
  mkdirSync(dirname(target), { recursive: true });
  cpSync(file, target);
}
