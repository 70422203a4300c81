// Build, dev server and test runner for the Netlens UI.
// `vite build` makes ui/dist (the app Tauri ships); `--mode demo` (build, dev or preview) serves the same
// index.html with the demo's entry, a preview fed by recorded answers, built into ui/dist-demo so it never
// lands in the shipped bundle.
import { svelte } from "@sveltejs/vite-plugin-svelte";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

// The demo page differs from the app's only in its entry and title, so it is index.html rewritten here
// rather than a second page to keep in step. A rewrite that finds nothing fails the build: otherwise an
// edited index.html would make the demo quietly run the real app against no backend.
function demoPage(): Plugin {
  const swaps: [string, string][] = [
    ['<script type="module" src="/src/main.ts"></script>', '<script type="module" src="/src/demo/main.ts"></script>'],
    ["<title>Netlens</title>", "<title>Netlens (demo)</title>"],
  ];
  return {
    name: "netlens-demo-page",
    transformIndexHtml: {
      // Before Vite's own pass, so the demo entry is the script that gets bundled.
      order: "pre",
      handler(html) {
        for (const [from, to] of swaps) {
          if (!html.includes(from)) throw new Error(`demo mode: index.html no longer has ${from}; update demoPage() in vite.config.ts`);
          html = html.replace(from, to);
        }
        return html;
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const demo = mode === "demo";
  return {
    plugins: demo ? [svelte(), demoPage()] : [svelte()],
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
    },
    test: {
      environment: "jsdom",
      include: ["src/**/*.test.ts"],
      setupFiles: ["src/test/automation.ts"],
      restoreMocks: true,
    },
  };
});
