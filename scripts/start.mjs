#!/usr/bin/env node
// `npm start`: install (first time), build, and serve the app on http://localhost:4173.
import { ensureDependencies, run } from './lib/ensure.mjs';

ensureDependencies();
run('npx vite build');
run(`node scripts/serve.mjs dist ${process.argv.slice(2).join(' ')}`);
