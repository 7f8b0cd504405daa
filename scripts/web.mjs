/**
 * `npm run web`: builds browser mode once (when its sources changed: scripts/web-build.mjs),
 * then starts the built server in this same process, so a warm start costs one Node start and
 * no compiling. The server is src/web/main.ts, bundled; its arguments (--port) pass through.
 * V8's compile cache (kept in out/) spares parsing the bundle and the packages again.
 */
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from './web-build.mjs';

module.enableCompileCache?.(path.join(root, 'out', '.compile-cache'));
if (!(await ensureBuilt())) process.exit(1);
await import(pathToFileURL(path.join(root, 'out', 'web-server', 'main.mjs')).href);
