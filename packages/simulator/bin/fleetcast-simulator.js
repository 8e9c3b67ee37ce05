#!/usr/bin/env node
// The bin lives in the source tree, not in dist/: installing a fresh clone links bins before anything is
// built, and a bin pointing into dist/ made pnpm warn "Failed to create bin … ENOENT" for every dependant.
const entry = new URL('../dist/bin.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    process.stderr.write('fleetcast-simulator: not built yet; run `pnpm build` in the repository first\n');
    process.exit(2);
  }
  throw error;
}
