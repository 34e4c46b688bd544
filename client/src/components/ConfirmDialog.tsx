import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

export interface ConfirmRequest {
  title: string;
  /** The question, naming who or what goes. */
  message: string;
  /** The button that does it: a verb ("Remove from map"), never "OK". */
  confirmLabel: string;
}

interface Pending extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
}

/**
 * An in-app "are you sure?" in place of `window.confirm`: `ask` resolves true
 * when the user confirms, false on Cancel, Esc or ×. Render `dialog` once, next
 * to what asks. Enter confirms (the confirm button has focus); the native
 * <dialog> hands focus back to what had it when it closes.
 */
export function useConfirm(): [ask: (request: ConfirmRequest) => Promise<boolean>, dialog: ReactNode] {
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);
  const ask = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        // One question at a time: pressing Delete again while asked is not a second question.
        if (pendingRef.current) return resolve(false);
        pendingRef.current = { ...request, resolve };
        setPending(pendingRef.current);
      }),
    [],
  );
  const answer = useCallback((confirmed: boolean) => {
    const current = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    current?.resolve(confirmed);
  }, []);
  // A screen that unmounts while asking answers "no", so nothing waits for ever.
  useEffect(() => () => pendingRef.current?.resolve(false), []);
  return [ask, <ConfirmDialog key="confirm" request={pending} onAnswer={answer} />];
}

function ConfirmDialog({ request, onAnswer }: { request: ConfirmRequest | null; onAnswer: (confirmed: boolean) => void }) {
  const { t } = useTranslation();
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Runs after <Dialog> has called showModal (a child's effects run first), so the focus sticks.
  useEffect(() => {
    if (request) confirmButton.current?.focus();
  }, [request]);
  return (
    <Dialog title={request?.title ?? ''} open={request !== null} onClose={() => onAnswer(false)}>
      {request && (
        <div className="confirm-dialog" data-testid="confirm-dialog">
          <p className="confirm-message">{request.message}</p>
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => onAnswer(false)}>
              {t('action.cancel')}
            </button>
            <button type="button" className="btn btn-primary btn-danger" ref={confirmButton} onClick={() => onAnswer(true)}>
              {request.confirmLabel}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
