import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/domain';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../shared/users';
import { LIMITS } from '../../../../shared/schemas/limits';
import { Dialog } from '../../components/Dialog';
import { EnumSelect } from '../../components/EnumSelect';
import { ErrorState, Loading } from '../../components/States';
import { useConfirm, type ConfirmRequest } from '../../components/ConfirmDialog';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { errorCode, useTRPC, type RouterOutputs } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';
import './users.css';

type TeamUser = RouterOutputs['user']['list'][number];
type Team = RouterOutputs['team']['list'][number];

/**
 * Settings › team members. Everyone sees who is on the team; an admin adds
 * people, changes roles, deactivates and resets passwords. The server enforces
 * every rule (admins only, last admin, no self-demotion); the UI only avoids
 * offering what would be refused.
 */
export function UsersPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useCurrentUser();
  const isAdmin = me.role === 'admin';
  // An admin looks at one team at a time (their own first) and may move people between teams.
  const [teamId, setTeamId] = useState(me.teamId);
  const teams = useQuery({ ...trpc.team.list.queryOptions(), enabled: isAdmin });
  const users = useQuery(trpc.user.list.queryOptions(isAdmin ? { teamId, includeInactive: true } : undefined));
  const [resetting, setResetting] = useState<TeamUser | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirm, confirmDialog] = useConfirm();
  const [added, setAdded] = useState<string | null>(null);
  return (
    <section id="settings-users" className={`card settings-users ${isAdmin ? 'settings-users-admin' : ''}`} aria-label={t('settings.users')}>
      <div className="users-head">
        <h2 className="card-title">{t('settings.users')}</h2>
        {isAdmin && teams.data && teams.data.length > 1 && (
          <select className="users-role" aria-label={t('users.teamShown')} value={teamId} onChange={(e) => setTeamId(Number(e.target.value))}>
            {teams.data.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        )}
        {added && !adding && (
          <p className="users-ok" role="status">
            {t('users.created', { name: added })}
          </p>
        )}
        {isAdmin && !adding && (
          <button type="button" className="btn btn-primary btn-small" onClick={() => { setAdded(null); setAdding(true); }}>
            + {t('users.add')}
          </button>
        )}
      </div>
      {isAdmin && adding && <AddUserForm teamId={teamId} onClose={() => setAdding(false)} onAdded={(name) => { setAdded(name); setAdding(false); }} />}
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorState error={users.error} />
      ) : (
        <table className="table users-table">
          <thead>
            <tr>
              <th>{t('users.name')}</th>
              <th>{t('users.email')}</th>
              <th>{t('users.role')}</th>
              {isAdmin && <th>{t('users.team')}</th>}
              {isAdmin && <th className="users-actions-head">{t('users.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) =>
              isAdmin ? (
                <AdminUserRow key={u.id} user={u} teams={teams.data ?? []} isSelf={u.id === me.id} onReset={() => setResetting(u)} confirm={confirm} />
              ) : (
                <tr key={u.id}>
                  <td>{u.name}</td>
                  <td className="muted">{u.email}</td>
                  <td>{t(`role.${u.role}`)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <Dialog title={resetting ? t('users.resetTitle', { name: resetting.name }) : ''} open={resetting !== null} onClose={() => setResetting(null)}>
        {resetting && <ResetPasswordForm key={resetting.id} user={resetting} onDone={() => setResetting(null)} />}
      </Dialog>
      {confirmDialog}
    </section>
  );
}

/** The guard-rail refusals read better as their own sentence than as "check the role field". */
function useUserErrorText() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (error: unknown, isSelf: boolean) => {
    if (errorCode(error) === 'BAD_REQUEST' && errorFields(error).some((f) => f === 'role' || f === 'active')) {
      return isSelf && !(error instanceof Error && /last active admin/.test(error.message)) ? t('users.selfLocked') : t('users.lastAdmin');
    }
    return errorText(error);
  };
}

function AdminUserRow({ user, teams, isSelf, onReset, confirm }: { user: TeamUser; teams: Team[]; isSelf: boolean; onReset: () => void; confirm: (request: ConfirmRequest) => Promise<boolean> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const userErrorText = useUserErrorText();
  const update = useMutation(
    trpc.user.update.mutationOptions({
      // Success changes the row; a CONFLICT means someone else changed it: reload either way.
      onSettled: () => Promise.all([queryClient.invalidateQueries(trpc.user.list.queryFilter()), queryClient.invalidateQueries(trpc.team.list.queryFilter())]),
    }),
  );
  // A deal belongs to its team, so a move leaves the person's deals where they are: say so before it happens.
  const move = (teamId: number) => {
    const from = teams.find((team) => team.id === user.teamId)?.name ?? '';
    const to = teams.find((team) => team.id === teamId)?.name ?? '';
    void confirm({ title: t('users.moveTitle', { name: user.name }), message: t('users.confirmMove', { name: user.name, from, to }), confirmLabel: t('users.move') }).then(
      (yes) => yes && update.mutate({ id: user.id, version: user.version, teamId }),
    );
  };
  const toggleActive = () => {
    const question = user.active ? t('users.confirmDeactivate', { name: user.name }) : t('users.confirmReactivate', { name: user.name });
    const label = user.active ? t('users.deactivate') : t('users.reactivate');
    void confirm({ title: label, message: question, confirmLabel: label }).then((yes) => yes && update.mutate({ id: user.id, version: user.version, active: !user.active }));
  };
  return (
    <>
      <tr className={user.active ? undefined : 'user-inactive'}>
        <td>
          <span className="user-name">{user.name}</span>
          {isSelf && <span className="badge">{t('users.you')}</span>}
          {!user.active && <span className="badge user-inactive-badge">{t('users.inactive')}</span>}
        </td>
        <td className="muted">{user.email}</td>
        <td>
          <EnumSelect
            className="users-role"
            aria-label={t('users.roleOf', { name: user.name })}
            values={ROLES}
            value={user.role}
            disabled={isSelf || update.isPending}
            title={isSelf ? t('users.selfLocked') : undefined}
            onChange={(role) => update.mutate({ id: user.id, version: user.version, role })}
            label={(role) => t(`role.${role}`)}
          />
        </td>
        <td>
          <select className="users-role" aria-label={t('users.teamOf', { name: user.name })} value={user.teamId} disabled={update.isPending} onChange={(e) => move(Number(e.target.value))}>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </td>
        <td className="users-actions">
          <button type="button" className="btn btn-small" onClick={onReset}>
            {t('users.resetPassword')}
          </button>
          <button type="button" className="btn btn-small" disabled={isSelf || update.isPending} title={isSelf ? t('users.selfLocked') : undefined} onClick={toggleActive}>
            {user.active ? t('users.deactivate') : t('users.reactivate')}
          </button>
        </td>
      </tr>
      {update.error && (
        <tr className="users-row-error">
          <td colSpan={5}>
            <p className="form-error" role="alert">
              {userErrorText(update.error, isSelf)}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

interface NewUser {
  name: string;
  email: string;
  role: Role;
  password: string;
}
const EMPTY: NewUser = { name: '', email: '', role: 'rep', password: '' };

function AddUserForm({ teamId, onClose, onAdded }: { teamId: number; onClose: () => void; onAdded: (name: string) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [form, setForm] = useState<NewUser>(EMPTY);
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: async (user) => {
        await queryClient.invalidateQueries(trpc.user.list.queryFilter());
        onAdded(user.name);
      },
    }),
  );
  const bad = new Set(errorFields(create.error));
  const emailTaken = errorCode(create.error) === 'CONFLICT' && bad.has('email');
  const fieldError = (field: keyof NewUser) =>
    bad.has(field) ? (
      <small className="field-error">
        {field === 'email' && emailTaken ? t('users.emailTaken') : field === 'password' ? t('users.tempPasswordHint') : t('error.checkFields', { fields: t(`field.${field}`) })}
      </small>
    ) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ ...form, email: form.email.trim(), teamId });
  };

  return (
    <form className="users-add" onSubmit={submit} noValidate aria-label={t('users.addTitle')}>
      <h3 className="users-add-title">{t('users.addTitle')}</h3>
      <div className="users-add-grid">
        <label className={`field ${bad.has('name') ? 'invalid' : ''}`}>
          <span>{t('users.name')}</span>
          <input value={form.name} maxLength={LIMITS.name} autoComplete="off" onChange={(e) => setForm({ ...form, name: e.target.value })} />
          {fieldError('name')}
        </label>
        <label className={`field ${bad.has('email') ? 'invalid' : ''}`}>
          <span>{t('users.email')}</span>
          <input type="email" value={form.email} maxLength={LIMITS.email} autoComplete="off" onChange={(e) => setForm({ ...form, email: e.target.value })} />
          {fieldError('email')}
        </label>
        <label className={`field ${bad.has('role') ? 'invalid' : ''}`}>
          <span>{t('users.role')}</span>
          <EnumSelect values={ROLES} value={form.role} onChange={(role) => setForm({ ...form, role })} label={(role) => t(`role.${role}`)} />
          {fieldError('role')}
        </label>
        <label className={`field ${bad.has('password') ? 'invalid' : ''}`}>
          <span>{t('users.tempPassword')}</span>
          <input type="text" value={form.password} minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} autoComplete="new-password" onChange={(e) => setForm({ ...form, password: e.target.value })} />
          {fieldError('password') ?? <small className="muted">{t('users.tempPasswordHint')}</small>}
        </label>
      </div>
      {create.error && !emailTaken && bad.size === 0 && (
        <p className="form-error" role="alert">
          {errorText(create.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('users.add')}
        </button>
      </div>
    </form>
  );
}

function ResetPasswordForm({ user, onDone }: { user: TeamUser; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const reset = useMutation(trpc.user.resetPassword.mutationOptions());
  const bad = errorFields(reset.error).includes('password');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ id: user.id, password });
  };
  if (reset.isSuccess) {
    return (
      <div>
        <p className="users-ok" role="status">
          {t('users.resetDone', { name: user.name })}
        </p>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={onDone}>
            {t('action.close')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <p className="muted small">{t('users.resetHint', { name: user.name })}</p>
      <label className={`field ${bad ? 'invalid' : ''}`}>
        <span>{t('users.newPassword')}</span>
        <input type="text" value={password} minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} autoComplete="new-password" autoFocus onChange={(e) => setPassword(e.target.value)} />
        <small className={bad ? 'field-error' : 'muted'}>{t('users.tempPasswordHint')}</small>
      </label>
      {reset.error && !bad && (
        <p className="form-error" role="alert">
          {errorText(reset.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={reset.isPending}>
          {t('users.resetPassword')}
        </button>
      </div>
    </form>
  );
}
