// Test support (malloc-relaunch.test.ts): loaded into each node process through NODE_OPTIONS, says what the process was started with.
process.stderr.write(`malloc-probe ${process.env.MALLOC_MMAP_THRESHOLD_ ?? 'unset'}\n`);
