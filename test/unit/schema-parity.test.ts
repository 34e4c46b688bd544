/**
 * The SQLite and PostgreSQL schemas describe one model: same tables, TypeScript
 * properties, SQL names, types (through an explicit mapping), nullability, defaults,
 * keys, indexes and foreign keys, and the same inferred row types.
 */
import { sql } from 'drizzle-orm';
import * as pg from 'drizzle-orm/pg-core';
import * as sqlite from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pgSchema from '../../server/db/schema.pg';
import * as sqliteSchema from '../../server/db/schema';
import { compareSchemas, describeSchema, describePgTable, describeSqliteTable } from '../helpers/schema-shape';

describe('schema parity: server/db/schema.ts and server/db/schema.pg.ts', () => {
  const left = describeSchema(sqliteSchema);
  const right = describeSchema(pgSchema);

  it('has the same set of tables', () => {
    expect(Object.keys(left).length).toBeGreaterThan(20);
    expect(Object.keys(right).sort()).toEqual(Object.keys(left).sort());
  });

  it('has no difference in any column, key, index or foreign key', () => {
    expect(compareSchemas(left, right)).toEqual([]);
    // And the whole description, so a failure shows a full diff too.
    expect(right).toEqual(left);
  });

  it('describes what it compares (the comparison is not vacuous)', () => {
    const users = left.users!;
    expect(users.columns.id).toMatchObject({ name: 'id', type: 'integer', primaryKey: true, default: 'identity' });
    expect(users.columns.active).toMatchObject({ type: 'boolean', notNull: true, default: 'true' });
    expect(users.columns.role!.enumValues).toEqual(['admin', 'manager', 'rep']);
    expect(users.columns.createdAt).toMatchObject({ type: 'text', default: 'sql:now-iso' });
    expect(users.indexes).toContainEqual({ name: 'users_email_unique', columns: ['email'], unique: true, where: null });
    expect(left.teamSettings!.columns.thresholds!.type).toBe('json');
    expect(left.deals!.columns.amount!.type).toBe('float64');
    expect(left.contacts!.foreignKeys).toContainEqual(
      expect.objectContaining({ columns: ['reports_to_contact_id'], foreignTable: 'contacts', onDelete: 'set null' }),
    );
    expect(left.dealMembers!.primaryKeys).toEqual([{ name: 'deal_members_deal_id_user_id_pk', columns: ['deal_id', 'user_id'] }]);
  });

  it('infers the same TypeScript row types from both schemas', () => {
    type Select<S> = { [K in keyof S]: S[K] extends { $inferSelect: infer R } ? R : never };
    type Insert<S> = { [K in keyof S]: S[K] extends { $inferInsert: infer R } ? R : never };
    expectTypeOf<Select<typeof pgSchema>>().toEqualTypeOf<Select<typeof sqliteSchema>>();
    expectTypeOf<Insert<typeof pgSchema>>().toEqualTypeOf<Insert<typeof sqliteSchema>>();
    // One table spelt out, so a mismatch names the table in the compiler's message.
    expectTypeOf<typeof pgSchema.stakeholders.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.stakeholders.$inferSelect>();
    expectTypeOf<typeof pgSchema.events.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.events.$inferInsert>();
  });
});

describe('the schema comparer itself', () => {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
  const pgNow = sql`to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const sqliteOwners = sqlite.sqliteTable('owners', { id: sqlite.integer('id').primaryKey({ autoIncrement: true }) });
  const pgOwners = pg.pgTable('owners', { id: pg.integer('id').primaryKey().generatedByDefaultAsIdentity() });

  const sqliteWidgets = sqlite.sqliteTable(
    'widgets',
    {
      id: sqlite.integer('id').primaryKey({ autoIncrement: true }),
      ownerId: sqlite.integer('owner_id')
        .notNull()
        .references(() => sqliteOwners.id, { onDelete: 'cascade' }),
      name: sqlite.text('name').notNull(),
      size: sqlite.real('size'),
      on: sqlite.integer('on', { mode: 'boolean' }).notNull().default(true),
      createdAt: sqlite.text('created_at').notNull().default(now),
    },
    (t) => [sqlite.uniqueIndex('widgets_name_unique').on(t.ownerId, t.name)],
  );

  it('finds an identical pair identical', () => {
    const pgWidgets = pg.pgTable(
      'widgets',
      {
        id: pg.integer('id').primaryKey().generatedByDefaultAsIdentity(),
        ownerId: pg
          .integer('owner_id')
          .notNull()
          .references(() => pgOwners.id, { onDelete: 'cascade' }),
        name: pg.text('name').notNull(),
        size: pg.doublePrecision('size'),
        on: pg.boolean('on').notNull().default(true),
        createdAt: pg.text('created_at').notNull().default(pgNow),
      },
      (t) => [pg.uniqueIndex('widgets_name_unique').on(t.ownerId, t.name)],
    );
    expect(compareSchemas({ widgets: describeSqliteTable(sqliteWidgets) }, { widgets: describePgTable(pgWidgets) })).toEqual([]);
  });

  it('reports every kind of difference', () => {
    const pgWidgets = pg.pgTable(
      'widgets',
      {
        id: pg.integer('id').primaryKey().generatedAlwaysAsIdentity(), // ALWAYS, not BY DEFAULT
        ownerId: pg
          .integer('owner_id')
          .notNull()
          .references(() => pgOwners.id), // no ON DELETE CASCADE
        name: pg.text('name'), // nullable
        size: pg.integer('size'), // not a float
        on: pg.boolean('on').notNull().default(false), // other default
        createdAt: pg.text('created_at').notNull().default(sql`now()::text`), // other expression
        extra: pg.text('extra'), // a column SQLite has not
      },
      (t) => [pg.index('widgets_name_unique').on(t.ownerId, t.name)], // not unique
    );
    const differences = compareSchemas(
      { widgets: describeSqliteTable(sqliteWidgets), onlyHere: describeSqliteTable(sqliteOwners) },
      { widgets: describePgTable(pgWidgets) },
    );
    expect(differences).toEqual(
      expect.arrayContaining([
        'table onlyHere: only in sqlite',
        'widgets.extra: only in pg',
        'widgets.id.default: sqlite="identity" pg="pg:identity-always"',
        'widgets.name.notNull: sqlite=true pg=false',
        'widgets.size.type: sqlite="float64" pg="integer"',
        'widgets.on.default: sqlite="true" pg="false"',
        'widgets.createdAt.default: sqlite="sql:now-iso" pg="pg:now()::text"',
        expect.stringMatching(/^widgets indexes widgets_name_unique: .*"unique":true.*"unique":false/),
        expect.stringMatching(/^widgets foreignKeys widgets_owner_id_owners_id_fk: .*"onDelete":"cascade".*"onDelete":"no action"/),
      ]),
    );
  });

  it('refuses a column type it has no mapping for', () => {
    const odd = pg.pgTable('odd', { at: pg.timestamp('at') });
    expect(() => describePgTable(odd)).toThrow(/No parity mapping for column type PgTimestamp/);
  });
});
