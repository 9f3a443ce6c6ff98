import { describeAgentCoordinator } from './agent-coordinator.conformance.js';

describeAgentCoordinator('postgres');
