import { describeStockLedger } from './stock-ledger.conformance.js';

describeStockLedger('pglite');
