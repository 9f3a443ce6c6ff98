import { loadConfig } from '@quintessence/platform';
import { describe, expect, it } from 'vitest';
import { parseOpcuaConfig } from './opcua-config.js';

describe('parseOpcuaConfig', () => {
  it('reads modules.scent.opcua from the generic QX__ environment variables, with defaults', () => {
    const config = loadConfig({
      QX__MODULES__SCENT__OPCUA__ENDPOINT: 'opc.tcp://plc-1:4840',
      QX__MODULES__SCENT__OPCUA__SAMPLING_INTERVAL_MS: '250',
      QX__MODULES__SCENT__OPCUA__SENSORS:
        '[{"sensorId":"enose-1","nodeId":"ns=2;s=Line1.ENose1","batchNodeId":"ns=2;s=Line1.Batch"}]',
    });
    const opcua = parseOpcuaConfig(config.modules.scent);
    expect(opcua).toMatchObject({
      endpoint: 'opc.tcp://plc-1:4840',
      samplingIntervalMs: 250,
      sensors: [{ sensorId: 'enose-1', nodeId: 'ns=2;s=Line1.ENose1', batchNodeId: 'ns=2;s=Line1.Batch' }],
      queueSize: 100,
      maxBuffered: 10_000,
      insertChunk: 500,
      securityMode: 'None',
    });
  });

  it('is off when the section is absent', () => {
    expect(parseOpcuaConfig(undefined)).toBeUndefined();
    expect(parseOpcuaConfig({ other: 1 })).toBeUndefined();
  });

  it('rejects a binding with both or neither node forms and a non-opc.tcp endpoint, naming the key', () => {
    const both = () =>
      parseOpcuaConfig({
        opcua: { endpoint: 'opc.tcp://h:4840', sensors: [{ sensorId: 's', nodeId: 'a', channelNodeIds: ['b'] }] },
      });
    expect(both).toThrow(/modules\.scent\.opcua: sensors\.0: give either nodeId/);
    const neither = () => parseOpcuaConfig({ opcua: { endpoint: 'opc.tcp://h:4840', sensors: [{ sensorId: 's' }] } });
    expect(neither).toThrow(/give either nodeId/);
    const http = () => parseOpcuaConfig({ opcua: { endpoint: 'http://h', sensors: [{ sensorId: 's', nodeId: 'a' }] } });
    expect(http).toThrow(/endpoint: must be an opc\.tcp:\/\/ URL/);
  });
});
