// Preloaded into a benchmarked child process: on exit it reports the process's peak resident
// memory on stderr, because Node gives a parent no resource usage of its children.
process.on('exit', () => {
  process.stderr.write(`\nmaxRssKb=${process.resourceUsage().maxRSS}\n`);
});
