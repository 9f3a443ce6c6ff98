import { describeScentService } from './scent-service.conformance.js';

describeScentService('pglite');
