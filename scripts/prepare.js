// The `prepare` script: compiles src/ to dist/. npm runs it on `npm install`
// in a clone and before `npm pack`; installing the tarball that `npm pack`
// makes runs no build at all, because the tarball holds dist/.
//
// Without TypeScript (`npm install --omit=dev`, or `npm install --global
// git+…`, which prepares the clone without its devDependencies: npm/cli#8440)
// an existing dist/ is kept, and a missing one is explained instead of
// failing with `tsc: not found`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

if (!existsSync(tsc)) {
  if (existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    console.error('fieldcode: TypeScript is not installed; keeping the dist/ that is there');
    process.exit(0);
  }
  console.error('fieldcode: cannot build dist/: TypeScript (a devDependency) is not installed. Run `npm install` in the clone, or install a tarball made by `npm pack` (see README.md, Install).');
  process.exit(1);
}
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
