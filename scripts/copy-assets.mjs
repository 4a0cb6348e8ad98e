// Copies the files the compiled code reads at run time and tsc does not emit (the public pages' CSS and script) from
// libs/*/src/**/public/ to the same place under dist/.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) return [];
    return name === 'public' ? [path] : walk(path);
  });

for (const lib of readdirSync('libs')) {
  const src = join('libs', lib, 'src');
  for (const dir of statSync(src, { throwIfNoEntry: false })?.isDirectory() ? walk(src) : [])
    cpSync(dir, join('dist', dir), { recursive: true });
}
