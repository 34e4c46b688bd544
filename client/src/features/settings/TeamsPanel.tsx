import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/schemas/limits';
import { Dialog } from '../../components/Dialog';
import { ErrorState, Loading } from '../../components/States';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { errorCode, useTRPC, type RouterOutputs } from '../../lib/trpc';
import './teams.css';

type Team = RouterOutputs['team']['list'][number];

/**
 * Settings › teams (SPEC §13), for admins: every team with its members and managers;
 * found a team, rename one, choose which managers manage it besides its own. Moving a
 * person between teams lives in the members panel, next to the person.
 */
export function TeamsPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const teams = useQuery(trpc.team.list.queryOptions());
  const [managing, setManaging] = useState<Team | null>(null);
  return (
    <section id="settings-teams" className="card settings-teams" aria-label={t('teams.title')}>
      <div className="users-head">
        <h2 className="card-title">{t('teams.title')}</h2>
      </div>
      <p className="muted small">{t('teams.hint')}</p>
      <CreateTeamForm />
      {teams.isPending ? (
        <Loading />
      ) : teams.isError ? (
        <ErrorState error={teams.error} />
      ) : (
        <table className="table teams-table">
          <thead>
            <tr>
              <th>{t('teams.name')}</th>
              <th>{t('teams.members')}</th>
              <th>{t('teams.managers')}</th>
              <th className="users-actions-head">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {teams.data.map((team) => (
              <TeamRow key={team.id} team={team} onManage={() => setManaging(team)} />
            ))}
          </tbody>
        </table>
      )}
      <Dialog title={managing ? t('teams.managersOf', { name: managing.name }) : ''} open={managing !== null} onClose={() => setManaging(null)}>
        {managing && <ManagersForm key={`${managing.id}:${managing.version}`} team={managing} onDone={() => setManaging(null)} />}
      </Dialog>
    </section>
  );
}

/** What a refused team write means to an admin: a taken name reads as such, not as "check the name field". */
function useTeamErrorText() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (error: unknown) => (errorCode(error) === 'CONFLICT' && errorFields(error).includes('name') ? t('teams.nameTaken') : errorText(error));
}

function CreateTeamForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teamErrorText = useTeamErrorText();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.team.create.mutationOptions({
      onSuccess: async (team) => {
        setName('');
        setCreated(team.name);
        await queryClient.invalidateQueries(trpc.team.list.queryFilter());
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate({ name });
  };
  return (
    <form className="teams-create" onSubmit={submit} noValidate>
      <label className={`field ${create.error ? 'invalid' : ''}`}>
        <span>{t('teams.newName')}</span>
        <input value={name} maxLength={LIMITS.name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="btn btn-primary" disabled={create.isPending || name.trim() === ''}>
        + {t('teams.create')}
      </button>
      {create.error && (
        <p className="form-error" role="alert">
          {teamErrorText(create.error)}
        </p>
      )}
      {created && !create.error && (
        <p className="users-ok" role="status">
          {t('teams.created', { name: created })}
        </p>
      )}
    </form>
  );
}

function TeamRow({ team, onManage }: { team: Team; onManage: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teamErrorText = useTeamErrorText();
  const [name, setName] = useState<string | null>(null);
  const rename = useMutation(
    trpc.team.update.mutationOptions({
      onSuccess: () => setName(null),
      // Success changes the row; a CONFLICT means another admin changed it: reload either way.
      onSettled: () => queryClient.invalidateQueries(trpc.team.list.queryFilter()),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name !== null) rename.mutate({ id: team.id, version: team.version, name });
  };
  return (
    <>
      <tr>
        <td>
          {name === null ? (
            <span className="user-name">{team.name}</span>
          ) : (
            <form className="teams-rename" onSubmit={submit}>
              <input aria-label={t('teams.renameOf', { name: team.name })} value={name} maxLength={LIMITS.name} autoFocus onChange={(e) => setName(e.target.value)} />
              <button type="submit" className="btn btn-primary btn-small" disabled={rename.isPending || name.trim() === ''}>
                {t('action.save')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => { setName(null); rename.reset(); }}>
                {t('action.cancel')}
              </button>
            </form>
          )}
        </td>
        <td>{t('teams.memberCount', { count: team.memberCount })}</td>
        <td className={team.managers.length === 0 ? 'muted' : undefined}>{team.managers.length === 0 ? t('teams.noManager') : team.managers.map((m) => m.name).join(', ')}</td>
        <td className="users-actions">
          {name === null && (
            <button type="button" className="btn btn-small" onClick={() => setName(team.name)}>
              {t('teams.rename')}
            </button>
          )}
          <button type="button" className="btn btn-small" onClick={onManage}>
            {t('teams.chooseManagers')}
          </button>
        </td>
      </tr>
      {rename.error && (
        <tr className="users-row-error">
          <td colSpan={4}>
            <p className="form-error" role="alert">
              {teamErrorText(rename.error)}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * Every active manager, ticked when they manage the team. Those whose own team it is
 * manage it anyway, so their box is ticked and fixed; the rest are the ones given it.
 */
function ManagersForm({ team, onDone }: { team: Team; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const people = useQuery(trpc.user.list.queryOptions({}));
  const [chosen, setChosen] = useState(() => new Set(team.managers.map((m) => m.id)));
  const update = useMutation(
    trpc.team.update.mutationOptions({
      onSuccess: onDone,
      onSettled: () => queryClient.invalidateQueries(trpc.team.list.queryFilter()),
    }),
  );
  if (people.isPending) return <Loading />;
  if (people.isError) return <ErrorState error={people.error} />;
  const managers = people.data.filter((u) => u.role === 'manager');
  const teamNames = new Map((queryClient.getQueryData(trpc.team.list.queryKey()) ?? []).map((row) => [row.id, row.name]));
  const toggle = (id: number) => setChosen((set) => (set.has(id) ? new Set([...set].filter((x) => x !== id)) : new Set([...set, id])));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: team.id, version: team.version, managerIds: managers.filter((m) => chosen.has(m.id) && m.teamId !== team.id).map((m) => m.id) });
  };
  return (
    <form onSubmit={submit}>
      <p className="muted small">{t('teams.managersHint')}</p>
      {managers.length === 0 ? (
        <p className="muted">{t('teams.noManagers')}</p>
      ) : (
        <ul className="teams-managers">
          {managers.map((m) => {
            const own = m.teamId === team.id;
            return (
              <li key={m.id}>
                <label>
                  <input type="checkbox" checked={own || chosen.has(m.id)} disabled={own} onChange={() => toggle(m.id)} />
                  <span className="user-name">{m.name}</span>
                  <span className="muted small">{own ? t('teams.ownTeam') : teamNames.get(m.teamId)}</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {update.error && (
        <p className="form-error" role="alert">
          {errorText(update.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {t('action.save')}
        </button>
      </div>
    </form>
  );
}
