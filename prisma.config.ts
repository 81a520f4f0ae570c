// Prisma CLI configuration: the JS engine with driver adapters, so that no native
// engine binary is ever downloaded (these machines reach only the npm registry).
// DATABASE_URL must always resolve, otherwise the CLI silently falls back to the
// binary engine and tries a download (see ../shared/STACK-NOTES.md).
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "file:./data/gongsai.db";
const url = process.env.DATABASE_URL;
const isPostgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: {
    path: isPostgres ? path.join("prisma", "postgresql", "migrations") : path.join("prisma", "migrations"),
  },
  adapter: async () => {
    if (isPostgres) {
      const { createMigrationAdapter } = await import("./scripts/db/pg-migration-adapter.mjs");
      return createMigrationAdapter(url);
    }
    const { createMigrationAdapter } = await import("./scripts/db/sqlite-migration-adapter.mjs");
    return createMigrationAdapter(url);
  },
});
