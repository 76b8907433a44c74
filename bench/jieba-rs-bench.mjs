// jieba-rs (npm @node-rs/jieba 2.0.3) on the same corpus as Monitor.Bench throughput, single thread.
//   node jieba-rs-bench.mjs throughput FILE [passes]   → cold start, MB/s per pass and median (one cut per line)
//   node jieba-rs-bench.mjs segment < in > out         → as `./monitor segment`: tokens joined by spaces, one line per line
// NODE_PATH must point at a node_modules with @node-rs/jieba (segment-harness.sh installs it in a temp folder).
import { createRequire } from 'node:module';
import { readFileSync, writeSync } from 'node:fs';

const require = createRequire(process.env.NODE_PATH ? process.env.NODE_PATH + '/' : import.meta.url);
const t0 = process.hrtime.bigint();
const { Jieba } = require('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict');
const jieba = Jieba.withDict(dict);
jieba.cut('小明硕士毕业于中国科学院计算所', true);
const coldSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

const [mode, file, passesArg] = process.argv.slice(2);
if (mode === 'segment') {
  const lines = readFileSync(0, 'utf8').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const out = [];
  for (const line of lines) out.push(jieba.cut(line, true).filter(t => t.trim() !== '').join(' '));
  writeSync(1, out.join('\n') + '\n');
} else {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter(l => l.length > 0);
  const megabytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) / 1e6;
  console.log(`jieba-rs: ${lines.length} lines, ${megabytes.toFixed(2)} MB, cold start ${coldSeconds.toFixed(3)} s, rss after load ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
  const rates = [];
  for (let pass = 0; pass < Number(passesArg || 5); pass++) {
    const start = process.hrtime.bigint();
    let tokens = 0;
    for (const line of lines) tokens += jieba.cut(line, true).length;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(megabytes / seconds);
    console.log(`  pass ${pass + 1}: ${seconds.toFixed(3)} s, ${(megabytes / seconds).toFixed(2)} MB/s, ${tokens} tokens`);
  }
  rates.sort((a, b) => a - b);
  console.log(`jieba-rs median: ${rates[Math.floor(rates.length / 2)].toFixed(2)} MB/s (1 thread, ${rates.length} passes)`);
}
