#!/usr/bin/env node
// `npx rbassist …` from the repository: the CLI is TypeScript (cli/main.ts), run through tsx's
// loader registered in this process (analysis workers register it themselves, see analysis/worker.mjs).
import { register } from 'tsx/esm/api';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`rbassist needs Node.js 20.19 or newer (this is ${process.versions.node}).\n`);
  process.exit(1);
}
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
