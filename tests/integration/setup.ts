import { inject } from "vitest";

// Runs in each test worker before any app module is imported: point the app at the
// run's own database and give it fixed test secrets.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "integration-test-session-secret";
process.env.DATA_KEY = "7".repeat(64);
process.env.LOGIN_MAX_FAILURES = "5";
