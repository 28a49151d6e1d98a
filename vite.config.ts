// Vite builds two HTML entries: the app and MSAL v5's redirect bridge page (popup and silent
// renewal finish there). Workers are ES modules. Vitest runs in Node by default; component and
// state tests opt into happy-dom with a `// @vitest-environment happy-dom` comment.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: { main: 'index.html', redirect: 'redirect.html' },
    },
  },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
  },
});
