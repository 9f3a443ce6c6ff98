import { describeAuthService } from './auth-service.conformance.js';

describeAuthService('pglite');
