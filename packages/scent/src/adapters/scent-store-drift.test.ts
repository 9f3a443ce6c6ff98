import { describeScentStoreDrift } from './scent-store-drift.conformance.js';

describeScentStoreDrift('pglite');
