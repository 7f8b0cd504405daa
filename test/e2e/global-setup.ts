import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The e2e suite runs browser mode as `npm run web` builds it: the renderer and the bundled server, rebuilt when stale. */
export default function globalSetup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/web-build.mjs')], { cwd: root, stdio: 'inherit' });
}
