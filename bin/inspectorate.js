#!/usr/bin/env -S node --single-threaded-gc
// --single-threaded-gc: V8's collector works in the thread that allocates. Its helper threads would otherwise compete
// with the PDF readers, which fill every core: reading the corpus on 2 cores took 27 CPU-s with them, 22 without
// (BENCHMARKS.md, session 9). `npm start` and `npm run bench` pass the same flag.
import '../dist/cli/entry.js'
