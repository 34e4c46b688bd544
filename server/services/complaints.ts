/** A customer's complaints (SPEC §11): anyone who sees the account records and resolves them; the defection watch reads the open ones. */
import { desc, eq } from 'drizzle-orm';
import type { TComplaintAdd, TComplaintResolve } from '../../shared/schemas/complaint';
import type { ComplaintRecord } from '../../shared/events';
import type { SessionUser } from '../auth/session';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { first, single } from '../db/rows';
import { complaints, users } from '../db/tables';
import { assertVersion, badInput, notFound } from '../errors';
import { requireAccount } from './access';
import { syncAccountFlags } from './accountFlags';
import { recordEvent } from './events';

/** A little slack for clocks that run ahead; the future is otherwise refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface ComplaintDto {
  id: number;
  accountId: number;
  summary: string;
  severity: ComplaintRecord['severity'];
  openedAt: string;
  resolution: string | null;
  resolvedAt: string | null;
  resolvedBy: number | null;
  createdBy: number;
  createdByName: string;
  version: number;
}

const columns = () => ({
  id: complaints.id,
  accountId: complaints.accountId,
  summary: complaints.summary,
  severity: complaints.severity,
  openedAt: complaints.openedAt,
  resolution: complaints.resolution,
  resolvedAt: complaints.resolvedAt,
  resolvedBy: complaints.resolvedBy,
  createdBy: complaints.createdBy,
  createdByName: users.name,
  version: complaints.version,
});

/** Newest first. */
export async function listComplaints(db: Db | Tx, accountId: number): Promise<ComplaintDto[]> {
  return db.select(columns()).from(complaints).innerJoin(users, eq(users.id, complaints.createdBy)).where(eq(complaints.accountId, accountId)).orderBy(desc(complaints.openedAt), desc(complaints.id));
}

async function complaintDto(db: Db | Tx, id: number): Promise<ComplaintDto> {
  const row = first(await db.select(columns()).from(complaints).innerJoin(users, eq(users.id, complaints.createdBy)).where(eq(complaints.id, id)).limit(1));
  if (!row) throw notFound('Complaint');
  return row;
}

const record = (dto: ComplaintDto): ComplaintRecord => ({ accountId: dto.accountId, summary: dto.summary, severity: dto.severity, openedAt: dto.openedAt, resolution: dto.resolution, resolvedAt: dto.resolvedAt });

export async function addComplaint(db: Db, user: SessionUser, input: TComplaintAdd, now: Date): Promise<ComplaintDto> {
  return writeTransaction(db, async (tx) => {
    const account = await requireAccount(tx, user, input.accountId);
    const openedAt = input.openedAt === undefined ? now : new Date(input.openedAt);
    if (openedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badInput('openedAt', 'cannot be in the future');
    const stamp = now.toISOString();
    const row = single(
      await tx
        .insert(complaints)
        .values({ accountId: account.id, summary: input.summary, severity: input.severity, openedAt: openedAt.toISOString(), createdBy: user.id, createdAt: stamp, updatedAt: stamp })
        .returning({ id: complaints.id }),
    );
    const dto = await complaintDto(tx, row.id);
    await recordEvent(tx, { teamId: account.teamId, dealId: null, actorId: user.id, kind: 'complaint.added', entity: 'complaint', entityId: row.id, after: record(dto), at: now });
    // A complaint entered already older than complaintDays raises OPEN_COMPLAINT at once (SPEC §11, §15).
    await syncAccountFlags(tx, { accountIds: [account.id] }, now);
    return dto;
  });
}

export async function resolveComplaint(db: Db, user: SessionUser, input: TComplaintResolve, now: Date): Promise<ComplaintDto> {
  return writeTransaction(db, async (tx) => {
    const row = first(await tx.select().from(complaints).where(eq(complaints.id, input.id)).limit(1));
    if (!row) throw notFound('Complaint');
    const account = await requireAccount(tx, user, row.accountId);
    await assertVersion('Complaint', row, input.version, () => complaintDto(tx, row.id));
    if (row.resolvedAt !== null && row.resolution === input.resolution) return complaintDto(tx, row.id);
    const before = await complaintDto(tx, row.id);
    const stamp = now.toISOString();
    await tx
      .update(complaints)
      // Correcting the resolution of a resolved complaint keeps the day it was resolved.
      .set({ resolution: input.resolution, resolvedAt: row.resolvedAt ?? stamp, resolvedBy: row.resolvedBy ?? user.id, version: row.version + 1, updatedAt: stamp })
      .where(eq(complaints.id, row.id));
    const dto = await complaintDto(tx, row.id);
    await recordEvent(tx, { teamId: account.teamId, dealId: null, actorId: user.id, kind: 'complaint.resolved', entity: 'complaint', entityId: row.id, before: record(before), after: record(dto), at: now });
    // Resolving may clear OPEN_COMPLAINT: raised again later, it is sent again.
    await syncAccountFlags(tx, { accountIds: [account.id] }, now);
    return dto;
  });
}
