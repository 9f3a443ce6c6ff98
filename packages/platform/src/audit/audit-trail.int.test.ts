import { describeAuditTrail } from './audit-trail.conformance.js';

describeAuditTrail('postgres');
