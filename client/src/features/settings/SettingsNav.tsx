import { useIsFetching } from '@tanstack/react-query';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface SettingsSection {
  /** The id of the card the link scrolls to; also the URL's hash. */
  id: string;
  group: 'method' | 'people' | 'integrations';
  /** Key of its short label under `settings.nav`. */
  label: 'thresholds' | 'accounts' | 'users' | 'teams' | 'import' | 'signIn' | 'apiTokens' | 'webhooks';
}

const GROUPS = ['method', 'people', 'integrations'] as const;
/** The sticky app header is 56 px: a section counts as current once its top passes just under it. */
const CURRENT_LINE = 96;

/**
 * The settings page's table of contents: one link per card, grouped, sticky beside the cards
 * on a wide screen and a scrolling row of chips on a phone. It marks the card being read, and
 * a link with a hash (`/settings#settings-webhooks`) lands on its card once the cards have loaded.
 */
export function SettingsNav({ sections }: { sections: SettingsSection[] }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(sections[0]?.id);
  const ids = sections.map((section) => section.id).join(' ');

  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      let last = ids.split(' ')[0];
      for (const id of ids.split(' ')) {
        const top = document.getElementById(id)?.getBoundingClientRect().top;
        if (top !== undefined && top <= CURRENT_LINE) last = id;
      }
      // At the bottom of the page the last cards can never reach the line: the last one is current.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) last = ids.split(' ').at(-1);
      setCurrent(last);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ids]);

  useScrollToHashOnceLoaded();

  // On a phone the contents are one row wider than the screen: keep the current chip in it.
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const nav = navRef.current;
    const link = nav?.querySelector<HTMLElement>('a[aria-current="true"]');
    if (!nav || !link || nav.scrollWidth <= nav.clientWidth) return;
    const chip = link.getBoundingClientRect();
    const row = nav.getBoundingClientRect();
    if (chip.left < row.left || chip.right > row.right) nav.scrollBy({ left: chip.left - row.left - 12 });
  }, [current]);

  const go = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ behavior: 'smooth', block: 'start' });
    history.replaceState(history.state, '', `#${id}`);
    setCurrent(id);
  };

  return (
    <nav ref={navRef} className="settings-nav" aria-label={t('settings.nav.label')}>
      {GROUPS.map((group) => {
        const inGroup = sections.filter((section) => section.group === group);
        if (inGroup.length === 0) return null;
        return (
          <div key={group} className="settings-nav-group">
            <p className="settings-nav-heading">{t(`settings.nav.group.${group}`)}</p>
            <ul>
              {inGroup.map((section) => (
                <li key={section.id}>
                  <a href={`#${section.id}`} aria-current={current === section.id ? 'true' : undefined} onClick={(event) => go(event, section.id)}>
                    {t(`settings.nav.${section.label}`)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

/** The browser jumps to a hash before the cards exist: jump again once every query has settled. */
function useScrollToHashOnceLoaded() {
  const fetching = useIsFetching();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || fetching > 0) return;
    done.current = true;
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, [fetching]);
}
