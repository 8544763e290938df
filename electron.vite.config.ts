import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { parseProblem, preloadProblems } from './electron/packaging/builtFiles';
import { writeIcon } from './electron/packaging/renderIcon';

const root = dirname(fileURLToPath(import.meta.url));
const resolveFromRoot = createRequire(import.meta.url);

/**
 * The main bundle must parse as Node will load it, and carry what it reads at run time next to it: sql.js's
 * WebAssembly, the PDF exports' fonts and the window icon (out/icons/icon.png, also what electron-builder makes the installers' icons from).
 */
function mainBundleReady(): Plugin {
  return {
    name: 'cabinet:main-bundle-ready',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? resolve(root, 'out/main');
      for (const name of Object.keys(bundle).filter((file) => file.endsWith('.js'))) {
        const problem = parseProblem(join(outDir, name));
        if (problem) this.error(problem);
      }
      copyFileSync(resolveFromRoot.resolve('sql.js/dist/sql-wasm.wasm'), join(outDir, 'sql-wasm.wasm'));
      // Roboto (with Cyrillic) for PDF exports, read by the export worker from out/main/fonts.
      mkdirSync(join(outDir, 'fonts'), { recursive: true });
      for (const face of ['Roboto-Regular.ttf', 'Roboto-Medium.ttf']) {
        copyFileSync(resolveFromRoot.resolve(`pdfmake/build/fonts/Roboto/${face}`), join(outDir, 'fonts', face));
      }
      mkdirSync(resolve(root, 'out/icons'), { recursive: true });
      writeIcon(resolve(root, 'out/icons/icon.png'));
    },
  };
}

/** Each preload is one self-contained CommonJS file that requires only `electron` (electron-vite #282, #812). */
function sandboxedPreloads(): Plugin {
  return {
    name: 'cabinet:sandboxed-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const [name, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue;
        if (!output.isEntry) this.error(`preload chunk ${name} is shared between preloads: a sandboxed preload cannot require it`);
        const problems = preloadProblems(name, output.code);
        if (problems.length > 0) this.error(problems.join('\n'));
      }
    },
  };
}

/** The chunks whose imports are preloaded with them when a route asks for them: see `modulePreload` below. */
const firstScreens = /^assets\/(?:SignInView|AppLayout|HomeView)-[\w-]+\.js$/;
const firstScreensOnly = (filename: string, deps: string[], context: { hostType: 'html' | 'js' }): string[] =>
  context.hostType === 'html' || firstScreens.test(filename) ? deps : [];

export default defineConfig({
  main: {
    plugins: [mainBundleReady()],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // The detail export worker and the store worker are entries of their own: worker threads load them from beside main.js.
        input: {
          main: resolve(root, 'electron/main.ts'),
          detailExportWorker: resolve(root, 'electron/exports/detailExportWorker.ts'),
          storeWorker: resolve(root, 'electron/store/storeWorker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [sandboxedPreloads()],
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only "electron": everything bundled, each preload built on its own.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { preload: resolve(root, 'electron/preload.ts'), handsetPreload: resolve(root, 'electron/handsetPreload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue()],
    define: {
      // Vue's and vue-i18n's development and devtools hooks compiled out of the production renderer.
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      // The cabinet uses vue-i18n's Composition API only (legacy: false): the legacy API is compiled out.
      __VUE_I18N_LEGACY_API__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'true',
    },
    build: {
      // Chromium of Electron ≥ 45: top-level await and modern syntax as they are.
      target: 'esnext',
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      sourcemap: false,
      // Preload lists only for what a window opens first: the page's own modules (modulepreload links in index.html),
      // the sign-in screen and the main screen (its layout and view). Their imports are then asked for together, not
      // one level of imports after another (the page's went three deep and sign-in's four: bench:ui saw each level cost
      // 30–200 ms in a busy renderer). Every other lazy screen keeps no list (all of them grew the entry by 10 KB of
      // the first screen's 300).
      modulePreload: { polyfill: false, resolveDependencies: firstScreensOnly },
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html'), handset: resolve(root, 'renderer/handset.html') },
        output: {
          // - The sign-in screen's early fetch stays a chunk of its own, run before the entry's other imports: inlined in
          //   the entry it would run only after them (renderer/src/prefetchSignIn.ts).
          // - The app's own first-screen modules (stores, router, api, i18n's Russian, kiosk, toasts) are one chunk: split by
          //   which lazy screens share each of them they were some twenty files of 0.5–3 KB, and a page asks a server
          //   for six at a time (bench:ui's harness: the entry's files came in five waves). Their dependencies (Vue and
          //   the rest) are not pulled in, or the handset page, which shares Vue, would load the app's stores.
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [
              { name: 'prefetchSignIn', test: /renderer[\\/]src[\\/]prefetchSignIn\.ts$/, priority: 20 },
              { name: 'app', test: /renderer[\\/]src[\\/](stores[\\/]|composables[\\/]useCall|kiosk[\\/]|i18n[\\/](index|ru)\.ts|ui[\\/]toasts|api\.ts|router\.ts|classicRoutes\.ts)/, priority: 10 },
            ],
          },
          // vue-router 5 keeps its router core in a module it calls "devtools-…": named for what it is, so a look at
          // the package does not mistake it for Vue devtools (none are built in: __VUE_PROD_DEVTOOLS__ is false).
          chunkFileNames: (chunk) => (chunk.name.startsWith('devtools') ? 'assets/router-core-[hash].js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
