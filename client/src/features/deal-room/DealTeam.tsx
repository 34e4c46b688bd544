import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../components/ConfirmDialog';
import { useErrorText } from '../../lib/fieldErrors';
import { useTRPC } from '../../lib/trpc';
import type { DealRoomData } from './useDealRoom';
import './deal-team.css';

type Deal = DealRoomData['deal'];

/**
 * Who works this deal: the owner and the teammates added to it (SPEC §7: a
 * member sees and edits the deal like its owner). Anyone who may edit the deal
 * may add a teammate from the deal's team or take one off.
 */
export function DealTeam({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const [confirm, confirmDialog] = useConfirm();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [adding, setAdding] = useState(false);
  const members = useQuery(trpc.deal.members.queryOptions({ dealId: deal.id }));
  const teamUsers = useQuery({ ...trpc.user.list.queryOptions({ teamId: deal.teamId }), enabled: adding });
  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.deal.members.queryFilter({ dealId: deal.id }));
    await queryClient.invalidateQueries(trpc.history.get.pathFilter());
  };
  const add = useMutation(
    trpc.deal.addMember.mutationOptions({
      onSuccess: () => setAdding(false),
      onSettled: refresh,
    }),
  );
  const remove = useMutation(trpc.deal.removeMember.mutationOptions({ onSettled: refresh }));
  const onDeal = new Set([deal.ownerId, ...(members.data ?? []).map((m) => m.userId)]);
  const candidates = (teamUsers.data ?? []).filter((u) => !onDeal.has(u.id));
  const error = add.error ?? remove.error;

  return (
    <div className="deal-team" role="group" aria-label={t('dealTeam.label')}>
      <span className="deal-team-label">{t('dealTeam.label')}</span>
      <ul className="deal-team-list">
        <li className="team-chip team-chip-owner">
          <span className="team-avatar" aria-hidden="true">
            {initials(deal.ownerName)}
          </span>
          {deal.ownerName}
          <span className="team-chip-role">{t('dealTeam.owner')}</span>
        </li>
        {members.data?.map((member) => (
          <li key={member.userId} className={member.active ? 'team-chip' : 'team-chip team-chip-inactive'}>
            <span className="team-avatar" aria-hidden="true">
              {initials(member.name)}
            </span>
            {member.name}
            {!member.active && <span className="team-chip-role">{t('dealTeam.inactive')}</span>}
            <button
              type="button"
              className="team-chip-remove"
              aria-label={t('dealTeam.remove', { name: member.name })}
              title={t('dealTeam.remove', { name: member.name })}
              disabled={remove.isPending}
              onClick={() => void confirm({ title: t('dealTeam.remove', { name: member.name }), message: t('dealTeam.confirmRemove', { name: member.name }), confirmLabel: t('action.remove') }).then((yes) => yes && remove.mutate({ dealId: deal.id, userId: member.userId }))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {adding ? (
        <span className="deal-team-add">
          <select
            aria-label={t('dealTeam.add')}
            value=""
            autoFocus
            disabled={add.isPending || teamUsers.isPending}
            onChange={(e) => e.target.value && add.mutate({ dealId: deal.id, userId: Number(e.target.value) })}
          >
            <option value="">{teamUsers.isSuccess && candidates.length === 0 ? t('dealTeam.noneAvailable') : t('dealTeam.choose')}</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} · {t(`role.${u.role}`)}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => { setAdding(false); add.reset(); }}>
            {t('action.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" className="btn btn-small deal-team-add-btn" onClick={() => { setAdding(true); remove.reset(); }}>
          + {t('dealTeam.add')}
        </button>
      )}
      {error && (
        <p className="form-error deal-team-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {confirmDialog}
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}
