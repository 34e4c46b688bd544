import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useFormat } from '../../lib/format';
import { discardEntry, type QueuedMeeting, type QueuedStance } from './outbox';
import { resolveStance } from './sync';
import { useFlushOutbox } from './useOutbox';

/** What waits on this device, entry by entry, with the decisions only the rep can make. */
export default function SyncList({ items, userId, onNavigate }: { items: QueuedMeeting[]; userId: number; onNavigate: () => void }) {
  const { t } = useTranslation();
  const flush = useFlushOutbox(userId);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    await flush().finally(() => setSending(false));
  };
  if (items.length === 0) return <p className="sync-empty">{t('sync.allSent')}</p>;
  return (
    <div className="sync-list" data-testid="sync-list">
      <p className="muted">{navigator.onLine ? t('sync.explainOnline') : t('sync.explainOffline')}</p>
      <ol>
        {items.map((item) => (
          <SyncEntry key={item.clientId} item={item} onNavigate={onNavigate} onResolved={send} />
        ))}
      </ol>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => void send()} disabled={sending}>
          {t('sync.sendNow')}
        </button>
      </div>
    </div>
  );
}

function SyncEntry({ item, onNavigate, onResolved }: { item: QueuedMeeting; onNavigate: () => void; onResolved: () => Promise<void> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const resolve = async (stance: QueuedStance, keep: 'mine' | 'theirs') => {
    await resolveStance(item.clientId, stance.stakeholderId, keep);
    await onResolved();
  };
  return (
    <li className="sync-entry">
      <div className="sync-entry-head">
        <Link to={`/deals/${item.dealId}/activity`} onClick={onNavigate}>
          {item.dealName}
        </Link>
        <span className="muted small">
          {t(`activityKind.${item.activity.kind}`)} · {format.date(item.activity.occurredAt)}
        </span>
      </div>
      <p className="sync-summary">{item.activity.summary}</p>
      <p className="small">{item.failure ? t('sync.refused') : item.logged ? t('sync.logged') : t('sync.notYet')}</p>
      {item.stances.map((stance) => (
        <div key={stance.stakeholderId} className={`sync-stance state-${stance.state}`}>
          <span>
            {t('sync.stanceChange', { name: stance.name, from: t(`stance.${stance.from}`), to: t(`stance.${stance.to}`) })}
            {stance.state === 'sent' && ` — ${t('sync.stanceSent')}`}
            {stance.state === 'failed' && ` — ${t('sync.stanceFailed')}`}
          </span>
          {stance.state === 'conflict' && stance.theirs && (
            <div className="sync-conflict" role="group" aria-label={t('sync.conflict', { name: stance.name })}>
              <p>{t('sync.conflictBody', { name: stance.name, theirs: t(`stance.${stance.theirs.stance}`) })}</p>
              <button type="button" className="btn btn-primary" onClick={() => void resolve(stance, 'mine')}>
                {t('sync.keepMine', { stance: t(`stance.${stance.to}`) })}
              </button>
              <button type="button" className="btn" onClick={() => void resolve(stance, 'theirs')}>
                {t('sync.keepTheirs', { stance: t(`stance.${stance.theirs.stance}`) })}
              </button>
            </div>
          )}
        </div>
      ))}
      {(item.failure || item.stances.some((s) => s.state === 'failed')) && (
        <button type="button" className="btn danger" onClick={() => void discardEntry(item.clientId)}>
          {t('sync.discard')}
        </button>
      )}
    </li>
  );
}
