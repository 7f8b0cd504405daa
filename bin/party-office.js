#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the installed command and `npm run cli` are the same code.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
