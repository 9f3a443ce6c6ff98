/**
 * Generic state persistence for estimators: plain JSON with tags for the few non-JSON values the library uses
 * (Map, Set, typed arrays, non-finite numbers and registered class instances such as tree nodes or statistics).
 */

// biome-ignore lint/suspicious/noExplicitAny: constructors of any registered class
type AnyClass = abstract new (...args: any[]) => object;

const registry = new Map<string, AnyClass>();
const names = new Map<AnyClass, string>();

/** Makes instances of `ctor` encodable under `name` (called once per class, at module load). */
export function registerClass(name: string, ctor: AnyClass): void {
  const existing = registry.get(name);
  if (existing && existing !== ctor) throw new Error(`class name ${name} registered twice`);
  registry.set(name, ctor);
  names.set(ctor, name);
}

/** The registered name of an instance's class, if any. */
export function registeredName(value: object): string | undefined {
  return names.get(value.constructor as AnyClass);
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Encodes a value (and everything it reaches) as tagged JSON. Functions are rejected. */
export function encode(value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : { $num: String(value) };
    case 'function':
      throw new TypeError('functions cannot be serialised');
    case 'bigint':
    case 'symbol':
      throw new TypeError(`${typeof value} cannot be serialised`);
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? { $undef: true } : encode(v)));
  if (value instanceof Float64Array) return { $f64: Array.from(value, (v) => encode(v)) };
  if (value instanceof Uint32Array) return { $u32: Array.from(value) };
  if (value instanceof Int32Array) return { $i32: Array.from(value) };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  if (value instanceof Set) return { $set: [...value].map((v) => encode(v)) };
  const obj = value as Record<string, unknown>;
  const fields: Record<string, Json> = {};
  for (const key of Object.keys(obj)) {
    if (obj[key] === undefined) continue;
    fields[key] = encode(obj[key]);
  }
  if (Object.getPrototypeOf(obj) === Object.prototype || Object.getPrototypeOf(obj) === null) {
    return { $obj: fields };
  }
  const name = registeredName(obj);
  if (!name) throw new TypeError(`instance of ${obj.constructor?.name ?? 'unknown'} is not registered`);
  return { $class: name, fields };
}

/** Inverse of `encode`. */
export function decode(json: Json): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(decode);
  if ('$num' in json) return Number(json.$num);
  if ('$undef' in json) return undefined;
  if ('$f64' in json) return Float64Array.from((json.$f64 as Json[]).map((v) => decode(v) as number));
  if ('$u32' in json) return Uint32Array.from(json.$u32 as number[]);
  if ('$i32' in json) return Int32Array.from(json.$i32 as number[]);
  if ('$map' in json) return new Map((json.$map as Json[][]).map(([k, v]) => [decode(k), decode(v)]));
  if ('$set' in json) return new Set((json.$set as Json[]).map(decode));
  if ('$obj' in json) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(json.$obj as Record<string, Json>)) out[k] = decode(v);
    return out;
  }
  if ('$class' in json) {
    const ctor = registry.get(json.$class as string);
    if (!ctor) throw new TypeError(`unknown class ${String(json.$class)} in serialised state`);
    const instance = Object.create(ctor.prototype) as Record<string, unknown>;
    for (const [k, v] of Object.entries(json.fields as Record<string, Json>)) instance[k] = decode(v);
    return instance;
  }
  throw new TypeError('malformed serialised value');
}
