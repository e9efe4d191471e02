import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PaynetPostgresStore } from '../../paynet-stores.js';

/** The schema the DataSource was configured with (`DATABASE_SCHEMA`), `public` by default. */
export function schemaOf(queryRunner: QueryRunner): string {
  return (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
}

/** The table of the once-only callback keys (`PaynetPostgresStore`) in `schema`. */
export function callbackKeysTable(schema: string): string {
  return `${schema}.paynet_callback_keys`;
}

/**
 * The sample's tables on PostgreSQL (the SQLite file of `npm start` is created by `synchronize`).
 * Columns match the entities in `src/database`; times are `timestamptz` (TypeORM reads and writes
 * them as `Date`). Also creates the table of `PaynetPostgresStore`, the callback store used with
 * `DATABASE_URL` and no `REDIS_URL`, from the DDL the library ships.
 */
export class InitialSchema1764633600000 implements MigrationInterface {
  name = 'InitialSchema1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.orders (
  "id" SERIAL PRIMARY KEY,
  "referenceNo" varchar(50) NOT NULL,
  "product" varchar(100) NOT NULL,
  "customerId" varchar(50),
  "amountKurus" integer NOT NULL,
  "status" varchar(20) NOT NULL,
  "channel" varchar(20) NOT NULL,
  "preauth" boolean NOT NULL DEFAULT false,
  "captured" boolean NOT NULL DEFAULT false,
  "instalment" integer NOT NULL DEFAULT 0,
  "threeDsSessionId" varchar(200),
  "xactId" varchar(100),
  "cardMasked" varchar(30),
  "failureReason" varchar(300),
  "payLinkUrl" varchar(500),
  "paidAt" timestamptz,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now()
)`);
    await queryRunner.query(`CREATE UNIQUE INDEX orders_reference_no_idx ON ${s}.orders ("referenceNo")`);
    await queryRunner.query(`CREATE INDEX orders_customer_id_idx ON ${s}.orders ("customerId")`);
    await queryRunner.query(`CREATE INDEX orders_three_ds_session_idx ON ${s}.orders ("threeDsSessionId")`);
    await queryRunner.query(`CREATE INDEX orders_xact_id_idx ON ${s}.orders ("xactId")`);

    await queryRunner.query(`CREATE TABLE ${s}.order_events (
  "id" SERIAL PRIMARY KEY,
  "orderId" integer NOT NULL,
  "type" varchar(40) NOT NULL,
  "detail" varchar(300),
  "createdAt" timestamptz NOT NULL DEFAULT now()
)`);
    await queryRunner.query(`CREATE INDEX order_events_order_id_idx ON ${s}.order_events ("orderId")`);

    await queryRunner.query(`CREATE TABLE ${s}.customers (
  "id" varchar(50) PRIMARY KEY,
  "name" varchar(100) NOT NULL,
  "cardOwnerId" varchar(100)
)`);

    // The sample's TypeORM store (used on SQLite); kept so the entity has its table here too.
    await queryRunner.query(`CREATE TABLE ${s}.callback_claims (
  "key" varchar(200) PRIMARY KEY,
  "claimedAt" timestamptz NOT NULL,
  "state" varchar(8) NOT NULL DEFAULT 'done',
  "token" varchar(64) NOT NULL DEFAULT '',
  "expiresAt" bigint
)`);

    // The library's own DDL (idempotent: CREATE ... IF NOT EXISTS): the keys table and its pending
    // ledger (`<table>_pending`). When an upgrade of the library changes it, add a migration that
    // runs the new PaynetPostgresStore.ddlFor() again.
    await queryRunner.query(PaynetPostgresStore.ddlFor(callbackKeysTable(s)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of [
      'paynet_callback_keys_pending',
      'paynet_callback_keys',
      'callback_claims',
      'customers',
      'order_events',
      'orders',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}
