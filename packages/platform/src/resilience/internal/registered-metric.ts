import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

type MetricClass<M> = new (config: {
  name: string;
  help: string;
  labelNames?: readonly string[];
  registers: Registry[];
}) => M;

function registered<M>(
  cls: MetricClass<M>,
  registry: Registry,
  config: { name: string; help: string; labelNames?: readonly string[]; buckets?: number[] },
): M {
  const existing = registry.getSingleMetric(config.name);
  if (existing !== undefined) {
    if (!(existing instanceof cls)) {
      throw new TypeError(`metric ${config.name} is already registered with another type`);
    }
    return existing as M;
  }
  return new cls({ ...config, registers: [registry] });
}

/** The counter named `config.name` on `registry`, created on first use (several instances may share a registry). */
export function registeredCounter<L extends string>(
  registry: Registry,
  config: { name: string; help: string; labelNames?: readonly L[] },
): Counter<L> {
  return registered(Counter as MetricClass<Counter<L>>, registry, config);
}

/** The gauge named `config.name` on `registry`, created on first use. */
export function registeredGauge<L extends string>(
  registry: Registry,
  config: { name: string; help: string; labelNames?: readonly L[] },
): Gauge<L> {
  return registered(Gauge as MetricClass<Gauge<L>>, registry, config);
}

/** The histogram named `config.name` on `registry`, created on first use. */
export function registeredHistogram<L extends string>(
  registry: Registry,
  config: { name: string; help: string; labelNames?: readonly L[]; buckets?: number[] },
): Histogram<L> {
  return registered(Histogram as MetricClass<Histogram<L>>, registry, config);
}
