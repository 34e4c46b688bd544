import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../components/ConfirmDialog';
import { clearOfflineCache } from './offlineCache';
import { clearOutbox, outboxOf } from './outbox';

/**
 * Before logging out: meetings still on this device would be lost with the session, so the
 * rep is asked first, and the queue goes only if they confirm. Either way nothing of theirs
 * (queue, cached deals and people) stays on a device someone else may use next.
 */
export function useLogoutGuard(userId: number): [confirmLogout: () => Promise<boolean>, dialog: ReactNode] {
  const { t } = useTranslation();
  const [ask, dialog] = useConfirm();
  const confirmLogout = async () => {
    const waiting = outboxOf(userId).length;
    if (waiting > 0) {
      const confirmed = await ask({ title: t('sync.logoutTitle'), message: t('sync.logoutBody', { count: waiting }), confirmLabel: t('sync.logoutConfirm') });
      if (!confirmed) return false;
      await clearOutbox(userId);
    }
    await clearOfflineCache();
    return true;
  };
  return [confirmLogout, dialog];
}
