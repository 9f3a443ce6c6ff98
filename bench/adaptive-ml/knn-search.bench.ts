// Why kNN on Elec2 is ~0.005 off River's published table. River 0.19's benchmark ran `StandardScaler | KNNClassifier()`,
// whose default engine is SWINN: a window of 1000, exact linear scan up to 500 samples, then a best-first search over
// a nearest-neighbour graph from a random entry point (`epsilon` 0.1), with `seed=None` (a different random graph on
// every run). Our KNNClassifier searches the same window exactly. This script measures:
//   1. exact search with River 0.19's window (1000) and with the pre-0.19 benchmark's window (100);
//   2. the same model with a graph search of the kind SWINN performs, written here for the measurement: every sample
//      keeps directed edges to its 20 nearest (exact at insertion, updated when a closer sample arrives, edges to
//      evicted samples dropped), and a query runs a best-first search over out- and in-edges from a seeded random
//      entry point, keeping candidates within (1 + 0.1) x the current k-th distance. The graph is better than
//      SWINN's (which is built by NN-descent from a random graph), so its loss is, if anything, smaller.
// Run: nice npx tsx bench/adaptive-ml/knn-search.bench.ts
import {
  Accuracy,
  F1,
  type Features,
  KNNClassifier,
  MersenneTwister,
  pipe,
  progressiveValScore,
  StandardScaler,
} from '@quintessence/adaptive-ml';
import { loadBinary, markdownTable, riverBinaryTable } from './common.js';

const K = 5;
const GRAPH_K = 20;
const MAXLEN = 1000;
const WARM_UP = 500;
const EPSILON = 0.1;

interface GraphNode {
  id: number;
  v: Float64Array;
  y: boolean;
  out: Array<{ n: GraphNode; d: number }>; // ascending distance
  into: Set<GraphNode>;
}

function dist(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) {
    const d = a[j] - b[j];
    s += d * d;
  }
  return Math.sqrt(s);
}

class GraphWindow {
  nodes: GraphNode[] = []; // oldest first
  private nextId = 0;
  constructor(private readonly rng: MersenneTwister) {}

  private link(from: GraphNode, to: GraphNode, d: number): void {
    const out = from.out;
    if (out.length === GRAPH_K && d >= out[GRAPH_K - 1].d) return;
    let j = out.length;
    while (j > 0 && out[j - 1].d > d) j--;
    out.splice(j, 0, { n: to, d });
    to.into.add(from);
    if (out.length > GRAPH_K) {
      const dropped = out.pop()!;
      dropped.n.into.delete(from);
    }
  }

  add(v: Float64Array, y: boolean): void {
    if (this.nodes.length === MAXLEN) {
      const old = this.nodes.shift()!;
      for (const e of old.out) e.n.into.delete(old);
      for (const r of old.into) r.out = r.out.filter((e) => e.n !== old);
    }
    const node: GraphNode = { id: this.nextId++, v, y, out: [], into: new Set() };
    for (const m of this.nodes) {
      const d = dist(v, m.v);
      this.link(node, m, d);
      this.link(m, node, d);
    }
    this.nodes.push(node);
  }

  /** Exact scan up to the warm-up size, then best-first graph search; neighbours in ascending distance. */
  search(q: Float64Array): Array<{ n: GraphNode; d: number }> {
    const scan = () =>
      this.nodes
        .map((n, i) => ({ n, d: dist(q, n.v), i }))
        .sort((a, b) => a.d - b.d || a.i - b.i)
        .slice(0, K);
    if (this.nodes.length <= WARM_UP) return scan();
    const entry = this.nodes[Math.floor(this.rng.random() * this.nodes.length)];
    const visited = new Set<GraphNode>([entry]);
    const first = { n: entry, d: dist(q, entry.v) };
    const pool = [first];
    const result = [first];
    let bound = Number.POSITIVE_INFINITY;
    while (pool.length > 0) {
      pool.sort((a, b) => a.d - b.d);
      const cur = pool.shift()!;
      if (cur.d >= bound) break;
      const neighbours = [...cur.n.out.map((e) => e.n), ...cur.n.into];
      for (const n of neighbours) {
        if (visited.has(n)) continue;
        visited.add(n);
        const d = dist(q, n.v);
        if (result.length < K || d < result[result.length - 1].d) {
          let j = result.length;
          while (j > 0 && result[j - 1].d > d) j--;
          result.splice(j, 0, { n, d });
          if (result.length > K) result.pop();
          pool.push({ n, d });
          bound = (1 + EPSILON) * result[result.length - 1].d;
        }
      }
    }
    return result;
  }
}

/** Prequential accuracy / F1 of StandardScaler | weighted 5-NN with the graph search above. */
function graphKnn(samples: Array<{ x: Features; y: boolean }>, seed: number): [number, number] {
  const scaler = new StandardScaler();
  const window = new GraphWindow(new MersenneTwister(seed));
  const keys = Object.keys(samples[0].x);
  const vec = (x: Features) => {
    const t = scaler.transformOne(x);
    return Float64Array.from(keys, (k) => t[k] ?? 0);
  };
  const acc = new Accuracy();
  const f1 = new F1();
  for (const { x, y } of samples) {
    if (window.nodes.length > 0) {
      const nearest = window.search(vec(x));
      let up = 0;
      let down = 0;
      const exact = nearest[0].d === 0;
      for (const { n, d } of exact ? nearest.slice(0, 1) : nearest) {
        const vote = exact ? 1 : 1 / d;
        if (n.y) up += vote;
        else down += vote;
      }
      const pred = up > down;
      acc.update(y, pred);
      f1.update(y, pred);
    }
    scaler.learnOne(x);
    window.add(vec(x), y);
  }
  return [acc.get(), f1.get()];
}

const river = riverBinaryTable();
const rows: Array<Array<string | number>> = [];
for (const dataset of ['Phishing', 'Elec2'] as const) {
  const samples = loadBinary(dataset);
  const ref = river.get(`k-Nearest Neighbors|${dataset}`)!;
  rows.push([
    dataset,
    'River 0.19 published (SWINN, window 1000, seed=None)',
    ref.accuracy.toFixed(6),
    ref.f1.toFixed(6),
  ]);
  for (const windowSize of [1000, 100]) {
    const model = pipe(new StandardScaler(), new KNNClassifier({ windowSize }));
    const r = progressiveValScore(samples, model, [new Accuracy(), new F1()]);
    rows.push([
      dataset,
      `ours, exact search, window ${windowSize}`,
      r.metrics.Accuracy.toFixed(6),
      r.metrics.F1.toFixed(6),
    ]);
  }
  const seeds = [1, 2, 3, 4, 5];
  const runs = seeds.map((seed) => graphKnn(samples, seed));
  const accs = runs.map((r) => r[0]);
  const f1s = runs.map((r) => r[1]);
  const range = (v: number[]) => `${Math.min(...v).toFixed(6)} – ${Math.max(...v).toFixed(6)}`;
  rows.push([dataset, `graph search (window 1000, seeds ${seeds.join(',')})`, range(accs), range(f1s)]);
}
console.log(
  '## kNN: exact vs graph-based approximate neighbour search (StandardScaler | 5-NN, inverse-distance votes)\n',
);
console.log(markdownTable(['dataset', 'search', 'accuracy', 'F1'], rows));
