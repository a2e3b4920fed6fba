/// <reference types="vitest/config" />
// The UI is served by the Tauri shell from `dist/` (tauri.conf.json
// `frontendDist`); there is no dev server in the loop. Assets stay as files
// (no data: URLs) so the CSP can stay at 'self'.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    assetsInlineLimit: 0,
    sourcemap: false,
    // CodeMirror (with the markdown grammar) is one lazily loaded chunk of ~530 kB.
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
    restoreMocks: true,
  },
});
