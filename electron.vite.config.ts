import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.web.config';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Dependencies stay runtime requires from node_modules: better-sqlite3-multiple-ciphers
      // loads a native .node file that cannot be bundled.
      // playwright-core (a devDependency) stays outside too: the desktop app injects Electron's own
      // printer, so the Chromium printer's import('playwright-core') never runs there and is not packaged.
      externalizeDeps: { include: ['playwright-core'] },
      rolldownOptions: {
        // `core` is the core process's entry (out/main/core.js), forked by main as a utilityProcess.
        input: {
          index: path.join(root, 'electron/main/index.ts'),
          core: path.join(root, 'src/core/host/utility-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but 'electron': everything else is bundled in,
      // and it must be CommonJS, because the sandbox cannot load an ES module preload.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: path.join(root, 'src/renderer'),
    plugins: rendererConfig.plugins ?? [react()],
    build: {
      ...rendererConfig.build,
      outDir: path.join(root, 'out/renderer'),
      rolldownOptions: {
        input: path.join(root, 'src/renderer/index.html'),
      },
    },
  },
});
