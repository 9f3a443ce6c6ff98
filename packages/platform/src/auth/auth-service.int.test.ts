import { describeAuthService } from './auth-service.conformance.js';

describeAuthService('postgres');
