import type { ModuleContext } from '@quintessence/platform';
import { createScentService, type ScentService } from './scent-service.js';

const services = new WeakMap<ModuleContext, ScentService>();

/**
 * The one {@link ScentService} of a module context, shared by the HTTP routes, MQTT ingestion and `start`, so every
 * ingestion path goes through the same per-sensor validators (order, dead channels) and serialisation.
 */
export function scentServiceFor(ctx: ModuleContext): ScentService {
  let service = services.get(ctx);
  if (!service) {
    service = createScentService(ctx);
    services.set(ctx, service);
  }
  return service;
}
