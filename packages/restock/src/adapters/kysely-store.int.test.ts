import { describeRestockStore } from './restock-store.conformance.js';

describeRestockStore('postgres');
