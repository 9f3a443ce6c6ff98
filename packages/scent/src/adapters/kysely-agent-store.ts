import type { Database } from '@quintessence/platform';
import type { Generated } from 'kysely';
import type { AgentReport, Consensus } from '../domain/agents/agent-report.js';
import type {
  AgentAnalysisRecord,
  AgentConfigRecord,
  AgentRunStats,
  AgentStore,
} from '../service/agent-coordinator.js';

/** Row types of the agent tables (migration `0002_agents`). */
export interface AgentTables {
  scent_agent_configs: {
    agent_id: string;
    enabled: boolean;
    settings: unknown;
    updated_at: Date | string;
    updated_by: string;
  };
  scent_agent_analyses: {
    id: string;
    created_at: Date | string;
    actor: string;
    subject: unknown;
    consensus: unknown;
    narrative: string;
    narrative_source: string;
    narrative_note: string | null;
  };
  scent_agent_runs: {
    id: Generated<string | number | bigint>;
    analysis_id: string;
    agent_id: string;
    ran_at: Date | string;
    anomaly_detected: boolean;
    confidence: number;
    report: unknown;
  };
}

const iso = (d: Date | string): string => new Date(d).toISOString();
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** {@link AgentStore} on Kysely (PGlite or PostgreSQL). */
export function createKyselyAgentStore(db: Database): AgentStore {
  const k = db.as<AgentTables>();
  return {
    async getConfig(agentId) {
      const r = await k
        .selectFrom('scent_agent_configs')
        .selectAll()
        .where('agent_id', '=', agentId)
        .executeTakeFirst();
      if (!r) return null;
      return {
        agentId: r.agent_id,
        enabled: r.enabled,
        settings: json<Record<string, unknown>>(r.settings),
        updatedAt: iso(r.updated_at),
        updatedBy: r.updated_by,
      };
    },
    async putConfig(c: AgentConfigRecord) {
      const values = {
        agent_id: c.agentId,
        enabled: c.enabled,
        settings: JSON.stringify(c.settings),
        updated_at: c.updatedAt,
        updated_by: c.updatedBy,
      };
      await k
        .insertInto('scent_agent_configs')
        .values(values)
        .onConflict((oc) =>
          oc.column('agent_id').doUpdateSet({
            enabled: values.enabled,
            settings: values.settings,
            updated_at: values.updated_at,
            updated_by: values.updated_by,
          }),
        )
        .execute();
    },
    async insertAnalysis(a: AgentAnalysisRecord) {
      await k.transaction().execute(async (tx) => {
        await tx
          .insertInto('scent_agent_analyses')
          .values({
            id: a.id,
            created_at: a.createdAt,
            actor: a.actor,
            subject: JSON.stringify(a.subject),
            consensus: JSON.stringify(a.consensus),
            narrative: a.narrative,
            narrative_source: a.narrativeSource,
            narrative_note: a.narrativeNote,
          })
          .execute();
        if (a.reports.length > 0) {
          await tx
            .insertInto('scent_agent_runs')
            .values(
              a.reports.map((r) => ({
                analysis_id: a.id,
                agent_id: r.agent_id,
                ran_at: a.createdAt,
                anomaly_detected: r.anomaly_detected,
                confidence: r.confidence,
                report: JSON.stringify(r),
              })),
            )
            .execute();
        }
      });
    },
    async getAnalysis(id) {
      const r = await k.selectFrom('scent_agent_analyses').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return null;
      const runs = await k
        .selectFrom('scent_agent_runs')
        .select(['report'])
        .where('analysis_id', '=', id)
        .orderBy('id')
        .execute();
      return {
        id: r.id,
        createdAt: iso(r.created_at),
        actor: r.actor,
        subject: json<Record<string, unknown>>(r.subject),
        consensus: json<Consensus>(r.consensus),
        narrative: r.narrative,
        narrativeSource: r.narrative_source as 'llm' | 'template',
        narrativeNote: r.narrative_note,
        reports: runs.map((x) => json<AgentReport>(x.report)),
      };
    },
    async runStats(agentId): Promise<AgentRunStats> {
      const counts = await k
        .selectFrom('scent_agent_runs')
        .select((eb) => [
          eb.fn.countAll<string | number>().as('runs'),
          eb.fn.count<string | number>('id').filterWhere('anomaly_detected', '=', true).as('anomalies'),
        ])
        .where('agent_id', '=', agentId)
        .executeTakeFirstOrThrow();
      const last = await k
        .selectFrom('scent_agent_runs')
        .selectAll()
        .where('agent_id', '=', agentId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return {
        runs: Number(counts.runs),
        anomalies: Number(counts.anomalies),
        lastRun: last
          ? {
              analysisId: last.analysis_id,
              at: iso(last.ran_at),
              anomalyDetected: last.anomaly_detected,
              confidence: last.confidence,
              report: json<AgentReport>(last.report),
            }
          : null,
      };
    },
  };
}
