import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';

/**
 * The phone header's menu: one button opens the header's own links, language switch and
 * "Log out" as a panel (on a wide screen the same elements sit in the header bar and the
 * button is hidden). Open, focus moves to the first entry; Esc or a tap outside closes it and
 * hands focus back to the button; following a link closes it.
 */
export function useHeaderMenu() {
  const [pathname] = useLocation();
  // Open on the page where it was opened: following a link closes it, as the user is where they wanted to go.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  const close = useCallback((returnFocus: boolean) => {
    setOpenOn(null);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>('a, button, select')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(true);
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close]);

  const toggle = () => setOpenOn(open ? null : pathname);
  return { open, toggle, buttonRef, panelRef };
}
