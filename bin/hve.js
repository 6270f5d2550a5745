#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npm install` is all a user needs (no build step).
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
