import type { Principal } from '../auth/roles.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without credentials. Routes are private unless they say this. */
    public?: boolean;
    /** Permission the caller needs (declared by the platform or a module). Every private route names one. */
    permission?: string;
  }
  interface FastifyRequest {
    /** The authenticated caller; set on every private route before the handler runs. */
    principal?: Principal;
  }
}
