/**
 * Builds the task pane into dist/addin, which the server serves at /addin/. Relative asset paths
 * (base "./") keep the build independent of where it is mounted.
 */
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** Ships the repository's manifest.xml with the build: the server serves it with its own origin. */
const manifest: Plugin = {
  name: 'chitieu-manifest',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'manifest.xml',
      source: fs.readFileSync(path.resolve(__dirname, '../manifest.xml')),
    });
  },
};

export default defineConfig({
  root: __dirname,
  base: './',
  publicDir: path.join(__dirname, 'public'),
  plugins: [react(), manifest],
  logLevel: 'warn',
  build: {
    outDir: path.resolve(__dirname, '../dist/addin'),
    emptyOutDir: true,
    // Office's webviews on LTSC Windows are Edge WebView2 (Chromium); Safari on Mac.
    target: ['es2020', 'edge90', 'safari14'],
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        taskpane: path.join(__dirname, 'taskpane.html'),
        commands: path.join(__dirname, 'commands.html'),
      },
    },
  },
});
