import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The officers' console: built into dist/console and served by the officers'
 * process at /konsol/ (DeskModule). Everything it needs is bundled; nothing is
 * fetched from elsewhere at run time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/konsol/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // One module script, no inline code: the Content-Security-Policy allows scripts from this origin only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
});
