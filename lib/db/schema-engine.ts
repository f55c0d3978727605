import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

// The Prisma CLI's migrate commands download a native schema engine, which cannot happen offline.
// The same engine ships as WebAssembly; its package entry imports the .wasm as an ES module
// (which Node refuses without a flag), so we instantiate the module by hand.
const require = createRequire(import.meta.url);

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");

let enginePromise: Promise<typeof import("@prisma/schema-engine-wasm")> | undefined;

async function loadEngineModule() {
  enginePromise ??= (async () => {
    // The engine reports Rust panics through this global before throwing.
    const registry = { message: "", set_message(message: string) { registry.message = message; console.error("[schema-engine panic]", message); } };
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof registry }).PRISMA_WASM_PANIC_REGISTRY ??= registry;
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = (await import(bgPath)) as typeof import("@prisma/schema-engine-wasm") & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmBytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const wasmModule = new WebAssembly.Module(wasmBytes);
    const imports: WebAssembly.Imports = { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports };
    const instance = new WebAssembly.Instance(wasmModule, imports);
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return enginePromise;
}

async function readSchema() {
  return { path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, "utf8") };
}

/**
 * The shadow database is made by overriding `database` in the pool config; pg lets a
 * connectionString win over that, so the shadow would silently be the main database.
 * Hand pg discrete fields instead.
 */
function poolConfig(connectionString: string) {
  const url = new URL(connectionString);
  const sslmode = url.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    ...(sslmode && sslmode !== "disable" ? { ssl: { rejectUnauthorized: sslmode === "verify-full" } } : {}),
  };
}

const PG_INTERNAL_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * @prisma/adapter-pg's executeScript splits scripts on ";", which breaks any migration holding a
 * function body. Postgres' simple query protocol runs a multi-statement script natively (and as one
 * implicit transaction, as the native engine does), so send it whole.
 */
function wholeScripts(adapter: PgAdapter): PgAdapter {
  // The engine's catalogue queries return Postgres' internal "char" type (OID 18), which the
  // adapter does not map. pg hands it over as a one-character string: present it to the adapter
  // as text, then tell the engine it is a Character column, which is what it decodes.
  const charColumnsByQuery = new Map<string, number[]>();
  const pool = adapter.underlyingDriver();
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    const charColumns: number[] = [];
    (result.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID !== PG_INTERNAL_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      charColumns.push(index);
    });
    if (text && charColumns.length > 0) charColumnsByQuery.set(text, charColumns);
    return result;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (sqlQuery) => {
    const result = await queryRaw(sqlQuery);
    for (const index of charColumnsByQuery.get(sqlQuery.sql) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

class MigrationPgAdapterFactory extends PrismaPg {
  constructor(private readonly poolOptions: ReturnType<typeof poolConfig>) {
    super(poolOptions);
  }

  /** Pools opened for the engine; closed by closeEngine so its advisory lock is released at once. */
  readonly opened: PgAdapter[] = [];

  override async connect() {
    const adapter = wholeScripts(await super.connect());
    this.opened.push(adapter);
    return adapter;
  }

  // adapter-pg drops the shadow database before closing its pool, which Postgres refuses while
  // the pool's connection is open; close first, then drop.
  override async connectToShadowDb() {
    const name = `gantry_shadow_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client(this.poolOptions);
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const adapter = wholeScripts(await new PrismaPg({ ...this.poolOptions, database: name }).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await adapter.underlyingDriver().end().catch(() => undefined);
      const dropper = new pg.Client(this.poolOptions);
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return adapter;
  }
}

const factories = new WeakMap<SchemaEngine, MigrationPgAdapterFactory>();

export async function createSchemaEngine(connectionString: string): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = await readSchema();
  const factory = new MigrationPgAdapterFactory(poolConfig(connectionString));
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (message: string) => {
    if (process.env.GANTRY_DEBUG_SCHEMA_ENGINE) console.error("[schema-engine]", message);
  };
  const engine = await SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, adapterFactory);
  factories.set(engine, factory);
  return engine;
}

/**
 * Frees the engine and closes its connections. The engine holds Prisma's migration advisory lock
 * on its session; a pool left open would make the next migrate wait ~10 s for it.
 */
export async function closeEngine(engine: SchemaEngine) {
  const factory = factories.get(engine);
  engine.free();
  await Promise.all((factory?.opened ?? []).map((adapter) => adapter.underlyingDriver().end().catch(() => undefined)));
}

export async function readMigrationsList(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = path.join(MIGRATIONS_DIR, dir, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (ok) => ({ tag: "ok" as const, value: ok }),
          (e: Error) => ({ tag: "error" as const, value: e.message }),
        );
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  } as MigrationList;
}

export async function schemaDatamodelTarget() {
  return { tag: "schemaDatamodel" as const, files: [await readSchema()] };
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies every pending migration under prisma/migrations, recording them as `prisma migrate deploy` does. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const engine = await createSchemaEngine(connectionString);
  try {
    const result = await engine.applyMigrations({ migrationsList: await readMigrationsList(), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  } finally {
    await closeEngine(engine);
  }
}

/**
 * SQL that would take a database built from the migrations to what schema.prisma describes
 * (replayed in a throwaway shadow database). Empty when the two agree.
 */
export async function diffMigrationsToSchema(connectionString: string): Promise<string> {
  const engine = await createSchemaEngine(connectionString);
  try {
    const migrations = await readMigrationsList();
    const from = migrations.migrationDirectories.length === 0 ? { tag: "empty" as const } : { tag: "migrations" as const, ...migrations };
    const result = await engine.diff({ from, to: await schemaDatamodelTarget(), script: true, exitCode: null, filters: NO_FILTERS });
    const sql = result.stdout ?? "";
    return sql.trim() === "-- This is an empty migration." ? "" : sql;
  } finally {
    await closeEngine(engine);
  }
}
