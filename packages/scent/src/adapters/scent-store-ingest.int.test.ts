import { describeScentStoreIngest } from './scent-store-ingest.conformance.js';

describeScentStoreIngest('postgres');
