import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const root = import.meta.dirname;

/** The renderer build, shared by browser mode (here) and the Electron build (electron.vite.config.ts). */
export const rendererConfig: UserConfig = {
  root: path.join(root, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'out/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    // No source maps in the shipped bundle: nothing to fetch, nothing to leak.
    sourcemap: false,
  },
};

export default defineConfig(rendererConfig);
