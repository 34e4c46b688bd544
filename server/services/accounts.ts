import { asc } from 'drizzle-orm';
import type { TAccountCreate } from '../../shared/schemas/account';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db } from '../db/client';
import { byteOrder } from '../db/dialect';
import { first } from '../db/rows';
import { accounts } from '../db/tables';
import { AppError } from '../errors';
import { readableTeam, visibleAccounts } from './access';
import { recordEvent } from './events';

export type AccountDto = Pick<
  typeof accounts.$inferSelect,
  'id' | 'teamId' | 'name' | 'industry' | 'tier' | 'purchasePattern' | 'version'
>;

const accountColumns = {
  id: accounts.id,
  teamId: accounts.teamId,
  name: accounts.name,
  industry: accounts.industry,
  tier: accounts.tier,
  purchasePattern: accounts.purchasePattern,
  version: accounts.version,
};

export async function listAccounts(db: Db, user: SessionUser): Promise<AccountDto[]> {
  return db.select(accountColumns).from(accounts).where(visibleAccounts(user, db)).orderBy(byteOrder(accounts.name), asc(accounts.id));
}

export async function createAccount(db: Db, user: SessionUser, input: TAccountCreate, now: Date): Promise<AccountDto> {
  return writeTransaction(db, async (tx) => {
    const teamId = await readableTeam(tx, user, input.teamId);
    // Absent when the name is taken (ON CONFLICT DO NOTHING returns no row).
    const row = first(
      await tx
        .insert(accounts)
        .values({
          teamId,
          name: input.name,
          industry: input.industry || null,
          tier: input.tier ?? 'B',
          purchasePattern: input.purchasePattern ?? 'recurring',
          createdAt: now.toISOString(),
        })
        .onConflictDoNothing()
        .returning(accountColumns),
    );
    if (!row) throw new AppError('CONFLICT', `An account named "${input.name}" already exists`, { field: 'name' });
    await recordEvent(tx, {
      teamId,
      dealId: null,
      actorId: user.id,
      kind: 'account.created',
      entity: 'account',
      entityId: row.id,
      after: row,
      at: now,
    });
    return row;
  });
}
