import { describeStockLedger } from './stock-ledger.conformance.js';

describeStockLedger('postgres');
