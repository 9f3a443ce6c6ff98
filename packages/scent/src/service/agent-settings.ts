import { z } from 'zod';
import { identificationAgentId } from '../domain/agents/identification-agent.js';
import { mspcAgentId } from '../domain/agents/mspc-agent.js';
import { defaultProcessLimits, processAgentId } from '../domain/agents/process-agent.js';
import { sensorHealthAgentId } from '../domain/agents/sensor-health-agent.js';

const share = z.number().gt(0).lt(1);
const limit = z
  .object({ min: z.number(), max: z.number() })
  .strict()
  .refine((l) => l.max > l.min, 'max must exceed min');

/** Settings of each agent (snake_case, as the API takes them), with the defaults used until someone configures one. */
export const agentSettingsSchemas = {
  [mspcAgentId]: z
    .object({
      rate_of_concern: share.default(0.1).describe('smallest alarm rate of a window that matters'),
      top_channels: z.number().int().min(1).max(64).default(3).describe('suspect channels named'),
    })
    .strict(),
  [processAgentId]: z
    .object({
      limits: z
        .object({
          temperature: limit.optional(),
          humidity: limit.optional(),
          pressure: limit.optional(),
          pH: limit.optional(),
          flow: limit.optional(),
        })
        .strict()
        .default({ ...defaultProcessLimits })
        .describe('process limits per environment parameter (a parameter without limits is not judged)'),
      max_excursion_share: share.default(0.2).describe('share of a window outside the limits that is out of control'),
    })
    .strict(),
  [sensorHealthAgentId]: z
    .object({
      flat_std: z.number().positive().default(1e-3),
      dead_level: z.number().nonnegative().default(1e-3),
      noise_ratio: z.number().gt(1).default(1.5),
      drift_sigmas: z.number().positive().default(3),
      significance: z.number().gt(0).max(0.5).default(0.001),
    })
    .strict(),
  [identificationAgentId]: z
    .object({
      alpha: z.number().gt(0).max(0.5).default(0.05).describe('calibrated rejection rate of known products'),
      shrinkage: z.number().min(0).max(1).default(0.1),
      rate_of_concern: share.default(0.1),
      min_reference_samples: z.number().int().min(8).max(100_000).default(20),
    })
    .strict(),
} as const;

export type AgentId = keyof typeof agentSettingsSchemas;
export const agentIds = Object.keys(agentSettingsSchemas) as AgentId[];
export type AgentSettings<A extends AgentId> = z.output<(typeof agentSettingsSchemas)[A]>;

export const agentDescriptions: Readonly<Record<AgentId, { name: string; description: string }>> = {
  [mspcAgentId]: {
    name: 'Anomaly / contamination',
    description:
      'Golden-batch MSPC: Hotelling T² and SPE against their limits; suspect channels from reconstruction-based contributions.',
  },
  [processAgentId]: {
    name: 'Process',
    description: 'Environment parameters (temperature, humidity, pressure, pH, flow) against configurable limits.',
  },
  [sensorHealthAgentId]: {
    name: 'Sensor health',
    description: 'Dead, stuck, noisy and drifting channels over a window of readings; calibration due or expired.',
  },
  [identificationAgentId]: {
    name: 'Identification',
    description:
      'Product / odor identification (LDA) with conformally calibrated rejection of unknown samples instead of the nearest class.',
  },
};

export const isAgentId = (id: string): id is AgentId => Object.hasOwn(agentSettingsSchemas, id);

export const defaultAgentSettings = (id: AgentId): Record<string, unknown> => agentSettingsSchemas[id].parse({});
