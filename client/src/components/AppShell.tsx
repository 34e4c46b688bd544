import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useTRPC } from '../lib/trpc';
import { useCurrentUser } from '../features/auth/useCurrentUser';
import { HeaderOffline } from '../features/log-meeting/HeaderOffline';
import { useLogoutGuard } from '../features/log-meeting/useLogoutGuard';
import { LanguageSwitcher } from './LanguageSwitcher';
import { useHeaderMenu } from './useHeaderMenu';
import { Loading } from './States';
import { useLangParam } from './useLangParam';

/** The signed-in frame: header, navigation and menu around `children`, the current screen. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [pathname, navigate] = useLocation();
  useLangParam();
  // Meetings still waiting on this device: logging out asks first (issue #20).
  const [confirmLogout, logoutDialog] = useLogoutGuard(user.id);
  const { open: menuOpen, toggle: toggleMenu, buttonRef: menuButtonRef, panelRef: menuPanelRef } = useHeaderMenu();
  // The signed-in data is forgotten once the signed-in screens are gone. Cleared while they were still up
  // (the move to /login renders as a transition), a screen could ask for the user just forgotten: React error 520.
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => (signedOut ? () => queryClient.clear() : undefined), [signedOut, queryClient]);
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        setSignedOut(true);
        navigate('/login');
      },
    }),
  );
  // Every destination, in the header bar on a wide screen and in the menu on a phone (add new ones here).
  const nav = [
    { to: '/', label: t('nav.pipeline'), end: true },
    { to: '/accounts', label: t('nav.accounts') },
    { to: '/review', label: t('nav.review') },
    { to: '/standup', label: t('nav.standup') },
    // Everyone: their own API tokens live there (SPEC §15); the thresholds and users are read-only below admin.
    { to: '/settings', label: t('nav.settings') },
  ];
  return (
    <div className="app">
      <header className="app-header">
        <Link to="/" className="brand" aria-label={t('appName')}>
          <img src="/favicon.svg" alt="" width={26} height={26} />
          <span>{t('appName')}</span>
        </Link>
        <HeaderOffline userId={user.id} />
        <button
          type="button"
          ref={menuButtonRef}
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="app-menu"
          aria-label={t('header.menu')}
          onClick={toggleMenu}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d={menuOpen ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'} />
          </svg>
        </button>
        {/* On a wide screen this wrapper is `display: contents`: the header bar lays out its children as before. */}
        <div id="app-menu" ref={menuPanelRef} className={menuOpen ? 'header-menu open' : 'header-menu'}>
          <nav className="main-nav" aria-label={t('nav.label')}>
            {nav.map((item) => {
              // A section stays current on its own screens (/accounts/7 under Accounts); the pipeline only at /.
              const current = pathname === item.to || (!item.end && pathname.startsWith(`${item.to}/`));
              return (
                <Link key={item.to} to={item.to} className={current ? 'active' : undefined} aria-current={current ? 'page' : undefined}>
                  {item.label}
                </Link>
              );
            })}
          </nav>
          <div className="header-right">
            <LanguageSwitcher signedIn />
            <span className="user-chip" title={user.email}>
              <span className="avatar" aria-hidden="true">
                {user.name.slice(0, 1)}
              </span>
              <span className="user-name">{user.name}</span>
              <span className="user-role">{t(`role.${user.role}`)}</span>
            </span>
            <button type="button" className="btn btn-ghost" onClick={() => void confirmLogout().then((go) => go && logout.mutate())} disabled={logout.isPending}>
              {t('header.logout')}
            </button>
          </div>
        </div>
      </header>
      <main className="app-main">
        {/* A screen's first visit waits for its chunk here, under the header (a navigation is not a transition, ADR 34). */}
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
      {logoutDialog}
    </div>
  );
}
