// Build, dev server and test runner for the Netlens UI.
// `vite build` makes ui/dist (the app Tauri ships); `--mode demo` builds demo.html, a preview fed by a
// fake backend, into ui/dist-demo so it never lands in the shipped bundle.
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

export default defineConfig(({ mode }) => {
  const demo = mode === "demo";
  return {
    plugins: [svelte()],
    // Tauri serves the files itself; relative paths also let the demo open from any folder.
    base: "./",
    clearScreen: false,
    // Tauri's devUrl is http://localhost:5173; both servers stay on the loopback interface.
    server: { port: 5173, strictPort: true },
    preview: { port: 4173, strictPort: true },
    // Svelte 5 needs its browser build under jsdom.
    resolve: mode === "test" ? { conditions: ["browser"] } : {},
    build: {
      outDir: demo ? "dist-demo" : "dist",
      emptyOutDir: true,
      target: "es2022",
      // WebKitGTK supports modulepreload; the polyfill would only fetch() and trip the CSP's connect-src.
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 1024,
      rollupOptions: { input: demo ? "demo.html" : "index.html" },
    },
    test: {
      environment: "jsdom",
      include: ["src/**/*.test.ts"],
      setupFiles: ["src/test/automation.ts"],
      restoreMocks: true,
    },
  };
});
