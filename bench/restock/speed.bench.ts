// Speed: all carparts series × Croston, SBA, SES (α = 0.1) and ETS(A,N,N), restock (TypeScript) next to R forecast
// 8.20 (Rscript) in the same run. Installs Debian's r-cran-forecast when Rscript or the package is missing (as root).
// Run: npx tsx bench/restock/speed.bench.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { croston } from '../../packages/restock/src/domain/forecasting/intermittent.js';
import { etsAnn, sesLevel } from '../../packages/restock/src/domain/forecasting/smoothing.js';
import { sharedData } from '../../test/support/shared-data.js';
import { loadCarparts, printTable } from './carparts.js';

const { series } = loadCarparts();
const train = series.map((y) => y.subarray(0, 39));

function timeTs(name: string, f: (y: Float64Array) => number, reps: number): number {
  let sink = 0;
  for (const y of train) sink += f(y); // warm-up
  const t0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) for (const y of train) sink += f(y);
  const used = process.cpuUsage(t0);
  const ms = (used.user + used.system) / 1000 / reps;
  if (!Number.isFinite(sink)) console.log(`(${name} produced a non-finite value)`);
  return ms;
}

const ts = {
  croston: timeTs('croston', (y) => croston(y, { alpha: 0.1 }), 20),
  sba: timeTs('sba', (y) => croston(y, { alpha: 0.1, variant: 'sba' }), 20),
  ses: timeTs('ses', (y) => sesLevel(y, 0.1), 20),
  ets: timeTs('ets', (y) => etsAnn(y).level, 3),
};

function hasRForecast(): boolean {
  const r = spawnSync(
    'Rscript',
    ['-e', 'suppressMessages(library(forecast)); cat(as.character(packageVersion("forecast")))'],
    { encoding: 'utf8' },
  );
  return r.status === 0;
}

let rNote = '';
if (!hasRForecast()) {
  console.log('Rscript with the forecast package is missing; trying `apt-get install -y r-cran-forecast` ...');
  const install = spawnSync(
    'apt-get',
    ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', 'r-cran-forecast'],
    { encoding: 'utf8' },
  );
  if (install.status !== 0)
    rNote = `could not install r-cran-forecast (exit ${install.status}): ${(install.stderr || install.error?.message || '').trim().split('\n').slice(-1)[0]}`;
}

const r: Record<string, number> = {};
let rVersion = '';
if (!rNote && hasRForecast()) {
  const dir = mkdtempSync(join(tmpdir(), 'restock-speed-'));
  const script = join(dir, 'speed.R');
  writeFileSync(
    script,
    `suppressMessages(library(forecast))
d <- read.csv("${sharedData('inventory', 'carparts.csv')}", check.names = FALSE)
m <- as.matrix(d[, -1]); m <- m[stats::complete.cases(m), 1:39]
ys <- lapply(seq_len(nrow(m)), function(i) ts(m[i, ]))
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
t <- function(f) { s <- cpu(); invisible(lapply(ys, f)); (cpu() - s) * 1000 }
cat("version", as.character(packageVersion("forecast")), "\\n")
tc <- t(function(y) croston(y, h = 1, alpha = 0.1)$mean)
cat("croston", tc, "\\n")
cat("sba", tc, "\\n")
cat("ses", t(function(y) ses(y, h = 1, alpha = 0.1, initial = "simple")$mean), "\\n")
cat("ets", t(function(y) forecast(ets(y, model = "ANN"), h = 1)$mean), "\\n")
`,
  );
  const out = spawnSync('Rscript', [script], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 1_800_000 });
  for (const line of out.stdout.split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k === 'version') rVersion = v ?? '';
    else if (k && v) r[k] = Number(v);
  }
  if (out.status !== 0)
    rNote = `Rscript failed (status ${out.status}, ${out.error?.message ?? 'no error object'}): ${(out.stderr ?? '').trim().split('\n').slice(-1)[0]}`;
} else if (!rNote) {
  rNote = 'Rscript/forecast not available after the install attempt';
}

const rows = (['croston', 'sba', 'ses', 'ets'] as const).map((k) => [
  k === 'ets' ? 'ETS(A,N,N)' : k.toUpperCase(),
  train.length,
  ts[k].toFixed(2),
  r[k] !== undefined ? r[k]!.toFixed(0) : 'n/a',
  r[k] !== undefined ? `${(r[k]! / ts[k]).toFixed(0)}×` : 'n/a',
]);
printTable(['method', 'series', 'restock ms (all series)', `R forecast ${rVersion || ''} ms`, 'R / restock'], rows);
if (rNote) console.log(`\nR side: ${rNote}`);
console.log(
  '\nBoth sides measure CPU time (user + system), not wall time, so other load on the machine does not distort the ratio. restock: mean of repeated passes after a warm-up; R: one pass timed with proc.time() inside Rscript (startup and CSV read excluded). R has no SBA function: its SBA is 0.95 × croston(), so the SBA row repeats the croston() time.',
);
