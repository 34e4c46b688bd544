import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { Loading } from '../../components/States';
import { lazyWithStrings } from '../../i18n';
import { useOutbox, useOutboxSync } from './useOutbox';
import './sync-status.css';

// The list names activity kinds: it loads with their strings, on first open, not with every page.
const SyncList = lazyWithStrings(() => import('./SyncList'), ['activity']);

/**
 * "Waiting to sync" in the header: how many meetings are still on this device, and those
 * that need the rep (a stance someone else changed meanwhile, an entry the server refused).
 * Renders nothing when the queue is empty; it also keeps the queue moving (useOutboxSync).
 */
export function SyncStatus({ userId }: { userId: number }) {
  const { t } = useTranslation();
  useOutboxSync(userId);
  const items = useOutbox(userId);
  const [open, setOpen] = useState(false);
  if (items.length === 0 && !open) return null;
  const decide = items.filter((item) => item.failure || item.stances.some((s) => s.state === 'conflict' || s.state === 'failed')).length;
  const label = decide > 0 ? t('sync.decide', { count: decide }) : t('sync.waiting', { count: items.length });
  return (
    <>
      {items.length > 0 && (
        <button type="button" className={decide > 0 ? 'sync-badge attention' : 'sync-badge'} data-testid="sync-badge" aria-label={label} onClick={() => setOpen(true)}>
          <span className="sync-dot" aria-hidden="true" />
          <span className="sync-long">{label}</span>
          {/* On a narrow phone the header also holds the brand and the menu: the count says enough. */}
          <span className="sync-short" aria-hidden="true">
            {decide > 0 ? t('sync.decideShort', { count: decide }) : t('sync.waitingShort', { count: items.length })}
          </span>
        </button>
      )}
      {/* Stays open when the last entry goes out, to say so. */}
      <Dialog title={t('sync.title')} open={open} onClose={() => setOpen(false)}>
        <Suspense fallback={<Loading />}>
          <SyncList items={items} userId={userId} onNavigate={() => setOpen(false)} />
        </Suspense>
      </Dialog>
    </>
  );
}

