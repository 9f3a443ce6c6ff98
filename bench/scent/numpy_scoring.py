"""The golden-batch scoring maths in numpy, for bench/scent/throughput.bench.ts (same run, same model, same samples).

Reads the model (mean, scale, loadings P, eigenvalues) and the samples as float64 files, then times
  z = (x - mean) / scale;  t = z P;  T2 = sum(t^2 / lambda);  e = z - t P';  SPE = sum(e^2)
plus the per-channel contributions (T2: (P diag(1/lambda) t)_j z_j, SPE: e_j^2) and the reconstruction-based
contributions, one sample per call (rate: best of 3 untimed passes; latency: one timed pass) and as one matrix
(vectorised throughput, best of 3). Prints JSON.
Run by the bench with Debian's /usr/bin/python3 (apt-get install python3-numpy)."""
import json
import sys
import time

import numpy as np

d = sys.argv[1]
meta = json.load(open(f"{d}/model.json"))
p, a, n = meta["channels"], meta["components"], meta["samples"]
mean = np.array(meta["mean"])
scale = np.array(meta["scale"])
P = np.array(meta["loadings"]).reshape(p, a)
lam = np.array(meta["eigenvalues"][:a])
X = np.fromfile(f"{d}/samples.f64", dtype=np.float64).reshape(n, p)
t2_limit, spe_limit = meta["t2Limit"], meta["speLimit"]
res_diag = np.maximum(1 - (P * P).sum(axis=1), 1e-12)
t2_diag = np.maximum((P * P / lam).sum(axis=1), 1e-12)
P_over_lam = P / lam


def score_one(x):
    z = (x - mean) / scale
    t = z @ P
    t2 = float(t @ (t / lam))
    e = z - P @ t
    spe = float(e @ e)
    c = P_over_lam @ t
    return t2, spe, c * z, e * e, c * c / t2_diag, e * e / res_diag, t2 > t2_limit or spe > spe_limit


def score_one_stats(x):
    z = (x - mean) / scale
    t = z @ P
    e = z - P @ t
    return float(t @ (t / lam)), float(e @ e)


out = {"numpy": np.__version__}
for name, f in (("per_sample_full", score_one), ("per_sample_stats", score_one_stats)):
    m = n
    for i in range(1000):
        f(X[i % n])
    rates = []
    for _ in range(3):
        start = time.perf_counter()
        for i in range(m):
            f(X[i])
        rates.append(m / (time.perf_counter() - start))
    lat = np.empty(m)
    for i in range(m):
        s = time.perf_counter_ns()
        f(X[i])
        lat[i] = time.perf_counter_ns() - s
    out[name] = {"samples": m, "per_s": max(rates), "median_per_s": float(np.median(rates)),
                 "p50_us": float(np.percentile(lat, 50)) / 1e3, "p99_us": float(np.percentile(lat, 99)) / 1e3}

best = None
for _ in range(3):
    start = time.perf_counter()
    Z = (X - mean) / scale
    T = Z @ P
    T2 = (T * T / lam).sum(axis=1)
    E = Z - T @ P.T
    SPE = (E * E).sum(axis=1)
    C = T @ P_over_lam.T
    t2c, spec = C * Z, E * E
    t2rbc, sperbc = C * C / t2_diag, E * E / res_diag
    flags = (T2 > t2_limit) | (SPE > spe_limit)
    total = time.perf_counter() - start
    best = total if best is None else min(best, total)
out["batch_full"] = {"samples": n, "per_s": n / best}
T2.tofile(f"{d}/numpy_t2.f64")
SPE.tofile(f"{d}/numpy_spe.f64")
print(json.dumps(out))
