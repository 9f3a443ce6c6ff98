import { describeScentDrift } from './scent-drift-service.conformance.js';

describeScentDrift('pglite');
