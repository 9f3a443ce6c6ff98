import type { EventBus } from '../ports.js';

/** An event map: topic -> payload type (an interface or a type literal). */
export type EventMap = object;

/** The event bus with topics and payloads checked against an event map at compile time. */
export interface TypedEventBus<E extends EventMap> {
  publish<K extends keyof E & string>(topic: K, payload: E[K]): Promise<void>;
  subscribe<K extends keyof E & string>(
    topic: K,
    handler: (payload: E[K], topic: K) => void | Promise<void>,
  ): () => void;
  /** A wildcard subscription (`restock.>`): the payload is any of the map's payloads. */
  subscribePattern(
    pattern: string,
    handler: (payload: E[keyof E], topic: keyof E & string) => void | Promise<void>,
  ): () => void;
}

/**
 * Views an `EventBus` through an event map, so a module's topics and payloads are type-checked.
 *
 * @example
 * interface RestockEvents { 'restock.order.approved': { orderId: string } }
 * const events = typedEventBus<RestockEvents>(ctx.events);
 * await events.publish('restock.order.approved', { orderId: 'PO-1' });
 */
export function typedEventBus<E extends EventMap>(bus: EventBus): TypedEventBus<E> {
  return {
    publish: (topic, payload) => bus.publish(topic, payload),
    subscribe: (topic, handler) => bus.subscribe(topic, (payload, t) => handler(payload as never, t as never)),
    subscribePattern: (pattern, handler) =>
      bus.subscribe(pattern, (payload, t) => handler(payload as never, t as never)),
  };
}
