import { describeScentStore } from './scent-store.conformance.js';

describeScentStore('postgres');
