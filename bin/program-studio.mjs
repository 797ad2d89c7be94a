#!/usr/bin/env node
// The package's command: registers tsx so the TypeScript CLI runs from source, then hands over.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
