// Preloaded into a CLI process a test watches (node --import): its standard error, a pipe, is taken for a terminal,
// so the command draws its progress bar there ("Reading reports [...] 3/233") for the test to read as it goes.
process.stderr.isTTY = true
process.stderr.columns = 120
