import { describeComplianceReport } from './compliance-report.conformance.js';

describeComplianceReport('pglite');
