import { defineConfig } from 'vite';

// Built assets go to dist/ and are copied next to the server as wwwroot/ by Sitrep.Server.csproj.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
});
