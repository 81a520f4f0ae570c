// Driver adapter for the Prisma CLI (migrate deploy/diff/status) on PostgreSQL.
// Works around prisma/orm#27403: adapter-pg rejects columns of type `char` (OID 18)
// and `name` (OID 19), which the schema engine reads from the catalogue. We report
// them as `text` (OID 25). The shadow database is dropped only after its pool is
// closed (the stock factory drops it while still connected, which PostgreSQL refuses).
// The application itself uses a plain PrismaPg (app/utils/db.server.ts).
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT_OID = 25;
function reportCatalogueTypesAsText(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogueTolerantClient extends pg.Client {
  // pg-pool calls query() with a callback; direct callers may use the promise form.
  query(config, values, callback) {
    if (typeof values === "function") { callback = values; values = undefined; }
    if (typeof callback === "function") {
      return super.query(config, values, (err, result) => callback(err, err ? result : reportCatalogueTypesAsText(result)));
    }
    const pending = super.query(config, values);
    return pending && typeof pending.then === "function" ? pending.then(reportCatalogueTypesAsText) : pending;
  }
}

export function connectionConfig(url) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || process.env.PGUSER || "postgres",
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
    Client: CatalogueTolerantClient,
  };
}

class MigrationPg extends PrismaPg {
  async connectToShadowDb() {
    const admin = new pg.Client({ ...this.config, Client: undefined });
    await admin.connect();
    const database = `prisma_shadow_${globalThis.crypto.randomUUID().replace(/-/g, "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const shadow = new PrismaPg({ ...this.config, database });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.end();
    };
    return adapter;
  }
}

export function createMigrationAdapter(url) {
  return new MigrationPg(connectionConfig(url));
}
