import { join } from 'node:path';
import { createMqttClient, type ModuleContext, type QuintessenceModule } from '@quintessence/platform';
import { scentMigrations } from './adapters/migrations.js';
import { startMqttIngestion } from './adapters/mqtt-ingestion.js';
import { parseOpcuaConfig } from './adapters/opcua-config.js';
import { startOpcuaIngestion } from './adapters/opcua-ingestion.js';
import { registerScentCommands } from './cli/scent-commands.js';
import { scentHttp } from './http/scent-http.js';
import { scentErrorCodes, scentPermissions } from './permissions.js';
import { demoProduct, demoSensors, setupDemoLine } from './service/scent-demo.js';
import { scentServiceFor } from './service/scent-service-registry.js';

/** Demo data: a site, a line, three products, two calibrated e-noses and a trained fingerprint per sensor (idempotent). */
export async function seedScentDemo(ctx: ModuleContext): Promise<void> {
  const service = scentServiceFor(ctx);
  const models = await service.store.listModels({ productId: demoProduct });
  if (demoSensors.every((s) => models.some((m) => m.sensorId === s.id))) return;
  await setupDemoLine(service, { startMs: ctx.clock.now().getTime() });
}

/**
 * Starts MQTT ingestion when `MQTT_URL` is configured and OPC UA subscriptions when `modules.scent.opcua` is;
 * returns the stop function.
 */
async function startScent(ctx: ModuleContext): Promise<(() => Promise<void>) | undefined> {
  const stops: Array<() => Promise<void>> = [];
  const opcuaConfig = parseOpcuaConfig(ctx.config.modules?.scent);
  if (ctx.config.mqttUrl) {
    const client = createMqttClient({
      url: ctx.config.mqttUrl,
      clientId: 'quintessence-scent-ingest',
      log: ctx.log,
      metrics: ctx.metrics,
    });
    await startMqttIngestion({ client, service: scentServiceFor(ctx), log: ctx.log });
    ctx.log.info({ url: ctx.config.mqttUrl }, 'scent: MQTT ingestion on factory/+/+/+/readings');
    // a graceful stop keeps the broker subscription (persistent session): readings published during a planned restart
    // wait at the broker and are stored after it; `ingestion.stop()` (unsubscribe) is for removing ingestion for good
    stops.push(() => client.close());
  }
  if (opcuaConfig) {
    const { pkiDir, ...settings } = opcuaConfig;
    // connects in the background (node-opcua retries until the server answers); start-up does not wait for the PLC
    const opcua = await startOpcuaIngestion({
      ...settings,
      service: scentServiceFor(ctx),
      log: ctx.log,
      pkiDir: pkiDir ?? join(ctx.config.dataDir, 'opcua-pki'),
    });
    opcua.ready().then(
      () => ctx.log.info({ endpoint: opcuaConfig.endpoint }, 'scent: OPC UA ingestion subscribed'),
      () => undefined,
    );
    stops.push(() => opcua.stop());
  }
  if (stops.length === 0) return undefined;
  return async () => {
    for (const stop of stops) await stop();
  };
}

/** The Scent QC module: e-nose ingestion pipeline, golden-batch fingerprints, batch assessment and signed release. */
export const scentModule: QuintessenceModule = {
  name: 'scent',
  permissions: scentPermissions,
  errorCodes: scentErrorCodes,
  migrations: scentMigrations,
  http: { prefix: '', plugin: scentHttp },
  cli: registerScentCommands,
  seedDemo: seedScentDemo,
  start: startScent,
};
