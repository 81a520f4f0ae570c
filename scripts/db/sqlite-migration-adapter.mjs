// Driver adapter for the Prisma CLI on SQLite. The schema engine replays each
// migration on the shadow database through executeRaw(); better-sqlite3 runs one
// statement per call, so a whole migration file fails there. A command without
// parameters is run as a script instead (what the native engine does).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

function runParameterlessAsScript(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && query.sql.includes(";")) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

class MigrationSQLite extends PrismaBetterSQLite3 {
  async connectToShadowDb() {
    return runParameterlessAsScript(await super.connectToShadowDb());
  }
}

export function createMigrationAdapter(url) {
  return new MigrationSQLite({ url });
}
