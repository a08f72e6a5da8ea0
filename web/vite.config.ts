// Vite builds the app into dist/ (embedded into the rapport binary); `npm run dev` serves it with
// the API proxied to a running `rapport serve` (RAPPORT_API, default http://127.0.0.1:8080).
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

const api = process.env.RAPPORT_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", assetsDir: "assets", sourcemap: false, target: "es2022" },
  server: { proxy: { "/api": { target: api, changeOrigin: false } } },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
