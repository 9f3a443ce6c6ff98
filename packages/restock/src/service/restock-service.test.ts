import { describeRestockService } from './restock-service.conformance.js';

describeRestockService('pglite');
