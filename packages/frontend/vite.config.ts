import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { loadConfig } from '../backend/src/config/config';

/**
 * Where the dev server sends `/api`: the API as `npm run dev` starts it, read from the same
 * environment by the API's own config (PORT and HOST, with their defaults), so the two agree.
 */
export function apiProxyTarget(env: NodeJS.ProcessEnv): string {
  const { host, port } = loadConfig(env);
  if (port === 0) {
    throw new Error(
      'PORT=0 lets the API pick any free port, which the dev server cannot follow: set PORT to a port number',
    );
  }
  return `http://${connectableHost(host)}:${port}`;
}

/** The address to reach a server listening on `host`: a wildcard means this machine. */
function connectableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export default defineConfig(({ command }) => ({
  plugins: [react(), tailwindcss()],
  resolve: {
    // Use the shared package's TypeScript sources directly, without building it first.
    conditions: ['@ticket-booking/source', ...defaultClientConditions],
  },
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Zod and the setting that stops it probing for eval (refused by the server's
            // Content-Security-Policy), in one chunk: whichever chunk builds schemas runs after
            // it, whatever else the pages share.
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]lib[\\/]zod-jitless\.ts$/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    // Only a dev server proxies; a build must not depend on the API's environment.
    proxy:
      command === 'serve'
        ? { '/api': { target: apiProxyTarget(process.env), changeOrigin: false } }
        : undefined,
  },
}));
