import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Cross-origin isolation (COOP/COEP) gives SharedArrayBuffer, which multi-threaded WASM
 * (onnxruntime-web, ffmpeg) needs. Every server rbassist runs on sets these headers.
 */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Self-host the WASM runtimes: ffmpeg.wasm's core and every onnxruntime-web `ort-wasm-*` file are
 * copied from node_modules into public/vendor so the build serves them (ffmpeg precached, onnxruntime
 * kept offline on demand: see the workbox options). No CDN.
 */
function vendorWasm(): Plugin {
  const copies: [string, string][] = [
    ['node_modules/@ffmpeg/core/dist/esm', 'public/vendor/ffmpeg'],
    ['node_modules/onnxruntime-web/dist', 'public/vendor/ort'],
  ];
  // onnxruntime: the plain SIMD-threaded build (WASM device) and the asyncify one the native WebGPU
  // execution provider runs on; the deprecated JSEP and the experimental JSPI builds are not used.
  const wanted = (dir: string, name: string) =>
    dir.includes('ffmpeg') ? name.startsWith('ffmpeg-core.') : /^ort-wasm-simd-threaded(\.asyncify)?\.(wasm|mjs)$/.test(name);
  return {
    name: 'rbassist-vendor-wasm',
    buildStart() {
      for (const [from, to] of copies) {
        const src = join(root, from);
        const dest = join(root, to);
        mkdirSync(dest, { recursive: true });
        // A runtime file no longer wanted must not linger in public/ (it would be served).
        for (const name of readdirSync(dest)) if (!wanted(from, name)) rmSync(join(dest, name));
        const names = readdirSync(src).filter((name) => wanted(from, name));
        for (const name of names) {
          const target = join(dest, name);
          if (!existsSync(target) || statSync(target).size !== statSync(join(src, name)).size) copyFileSync(join(src, name), target);
        }
        // The app fetches the ONNX runtime on demand from this list (src/app/onnxRuntimeCache.ts).
        if (to.endsWith('ort')) writeFileSync(join(dest, 'files.json'), JSON.stringify(names));
      }
    },
  };
}

export default defineConfig({
  plugins: [
    vendorWasm(),
    react(),
    VitePWA({
      // An update waits for the DJ (never reload in the middle of an analysis run or a set).
      registerType: 'prompt',
      injectRegister: null,
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        name: 'rbassist — DJ library assistant',
        short_name: 'rbassist',
        description: 'Analyse, explore and export your DJ library, offline, in the browser.',
        theme_color: '#101216',
        background_color: '#101216',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // What the app needs offline on the built-in path (ffmpeg.wasm included). The ONNX runtime
        // (41 MB) is left out: it is fetched, then kept offline, only once an ONNX model is in use.
        globPatterns: ['**/*.{js,mjs,css,html,wasm,png,svg,ico,json,webmanifest,onnx}'],
        globIgnores: ['**/vendor/ort/**'],
        runtimeCaching: [
          {
            // Same name as ORT_CACHE_NAME in src/app/onnxRuntimeCache.ts.
            urlPattern: ({ url }) => url.pathname.includes('/vendor/ort/') && !url.pathname.endsWith('/files.json'),
            handler: 'CacheFirst',
            options: { cacheName: 'rbassist-onnxruntime', cacheableResponse: { statuses: [200] } },
          },
        ],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        // COOP/COEP added by the service worker, for static hosts that send none (see the file).
        importScripts: ['sw-isolation-headers.js'],
      },
    }),
  ],
  resolve: {
    alias: [
      { find: '@', replacement: resolve(root, 'src') },
      // The build of onnxruntime-web that loads its WASM and glue from `env.wasm.wasmPaths`
      // (our self-hosted /vendor/ort/), instead of bundling a second 28 MB copy of the WASM.
      { find: /^onnxruntime-web$/, replacement: resolve(root, 'node_modules/onnxruntime-web/dist/ort.min.mjs') },
      { find: /^onnxruntime-web\/webgpu$/, replacement: resolve(root, 'node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs') },
      { find: /^onnxruntime-web\/wasm$/, replacement: resolve(root, 'node_modules/onnxruntime-web/dist/ort.wasm.min.mjs') },
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2048 },
  optimizeDeps: { exclude: ['@ffmpeg/ffmpeg', 'onnxruntime-web', 'hnswlib-wasm'] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders, port: 4173 },
});
