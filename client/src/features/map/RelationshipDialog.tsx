import { useMutation } from '@tanstack/react-query';
import type { Connection } from '@xyflow/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIP_KINDS, type RelationshipKind } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../lib/fieldErrors';
import { useTRPC } from '../../lib/trpc';
import { useDealRoomData } from '../deal-room/useDealRoom';
import { useInvalidateDeal } from '../info-points/useDealMutation';

/** Connecting two cards asks what the relationship is before it is saved. */
export function RelationshipDialog({ connection, onClose }: { connection: Connection | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('map.newRelationship')} open={connection !== null} onClose={onClose}>
      {connection && <RelationshipForm connection={connection} onClose={onClose} />}
    </Dialog>
  );
}

function RelationshipForm({ connection, onClose }: { connection: Connection; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const room = useDealRoomData();
  const invalidate = useInvalidateDeal(room.deal.id);
  const errorText = useErrorText();
  const [kind, setKind] = useState<RelationshipKind>('influences');
  const [strength, setStrength] = useState(2);
  const add = useMutation(trpc.relationship.add.mutationOptions({ onSuccess: async () => { await invalidate(); onClose(); } }));
  const name = (id: string) => room.stakeholders.find((s) => String(s.id) === id)?.name ?? '?';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ dealId: room.deal.id, fromStakeholderId: Number(connection.source), toStakeholderId: Number(connection.target), kind, strength });
  };
  return (
    <form className="form-grid" onSubmit={submit}>
      <p className="span-2 relationship-pair">
        <strong>{name(connection.source)}</strong> → <strong>{name(connection.target)}</strong>
      </p>
      <fieldset className="field span-2">
        <legend>{t('map.relationshipKind')}</legend>
        <div className="segmented">
          {RELATIONSHIP_KINDS.map((k) => (
            <label key={k} className={kind === k ? 'on' : undefined}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`relationship.${k}`)}
            </label>
          ))}
        </div>
        <small className="muted">{t(`map.kindHint.${kind}`)}</small>
      </fieldset>
      <fieldset className="field span-2">
        <legend>{t('map.strength')}</legend>
        <div className="segmented">
          {[1, 2, 3].map((value) => (
            <label key={value} className={strength === value ? 'on' : undefined}>
              <input type="radio" name="strength" value={value} checked={strength === value} onChange={() => setStrength(value)} />
              {t(`map.strengthLevel.${value}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {add.error && <p className="form-error span-2">{errorText(add.error)}</p>}
      <div className="form-actions span-2">
        <button type="button" className="btn" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>
          {t('map.connect')}
        </button>
      </div>
    </form>
  );
}
