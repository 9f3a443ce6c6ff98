import { serverAppSuite } from '../unit/server/app.suite.js';

// The whole server-app suite (route inventory, envelope, health, metrics, audit) on a fresh PostgreSQL database.
serverAppSuite('postgres');
