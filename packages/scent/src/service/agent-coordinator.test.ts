import { describeAgentCoordinator } from './agent-coordinator.conformance.js';

describeAgentCoordinator('pglite');
