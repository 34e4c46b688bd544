import type { OnBeforeDelete } from '@xyflow/react';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useMemo, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { RelationshipKind } from '../../../../shared/domain';
import { useConfirm } from '../../components/ConfirmDialog';
import { normaliseLocale } from '../../i18n';
import { useTRPC } from '../../lib/trpc';
import { useDealRoomData } from '../deal-room/useDealRoom';
import { useInvalidateDeal } from '../info-points/useDealMutation';
import type { AppEdge, AppNode, StakeholderRow } from './types';

interface DeleteFlowOptions {
  /** The map's focusable canvas: it takes keyboard focus back when what had it is removed. */
  canvas: RefObject<HTMLDivElement>;
  kindLabels: Record<RelationshipKind, string>;
  /** The people just removed, so a panel showing one of them can close. */
  onPeopleRemoved: (ids: readonly number[]) => void;
  /** After a Delete-key removal: the removed edges (or the removed people's) must not stay selected. */
  onDeleted: () => void;
}

/**
 * Removing people and relationships from the map: always asked first in the app's own
 * dialog (naming who or which pair goes), then removed on the server and the deal
 * refetched; React Flow itself never deletes anything.
 */
export function useDeleteFlow({ canvas, kindLabels, onPeopleRemoved, onDeleted }: DeleteFlowOptions) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const room = useDealRoomData();
  const invalidate = useInvalidateDeal(room.deal.id);
  const [confirm, confirmDialog] = useConfirm();
  // "Wang Jianguo, Liu Fang and He Jun": the one list formatter of the map's questions.
  const listFormat = useMemo(() => new Intl.ListFormat(normaliseLocale(i18n.language), { style: 'long', type: 'conjunction' }), [i18n.language]);
  const removeStakeholder = useMutation(trpc.stakeholder.remove.mutationOptions());
  const removeRelationship = useMutation(trpc.relationship.remove.mutationOptions());

  /** What the confirmation names: "Qian Lei → Wang Jianguo (influences)". */
  const describeRelationship = useCallback(
    (id: number) => {
      const rel = room.relationships.find((r) => r.id === id);
      if (!rel) return '';
      const name = (personId: number) => room.stakeholders.find((p) => p.id === personId)?.name ?? '?';
      return t('map.relationshipPair', { from: name(rel.fromStakeholderId), to: name(rel.toStakeholderId), kind: kindLabels[rel.kind] });
    },
    [room.relationships, room.stakeholders, kindLabels, t],
  );

  /**
   * Keyboard focus stays on the map: the closed dialog hands it back to the card or edge
   * that had it; when that one is being removed (or focus was in the panel), the map takes it.
   */
  const refocusMap = useCallback(
    (doomedIds: readonly string[]) => {
      const element = canvas.current;
      const active = document.activeElement;
      const onDoomed = active instanceof Element && doomedIds.some((id) => active.closest(`[data-id="${CSS.escape(id)}"]`));
      if (element && (onDoomed || !element.contains(active))) element.focus({ preventScroll: true });
    },
    [canvas],
  );

  /** Asks first, in the app's own dialog; true when the people were removed. */
  const removePeople = useCallback(
    async (people: readonly StakeholderRow[]) => {
      const confirmed = await confirm({
        title: t('map.removePerson'),
        message: t('map.confirmRemovePeople', { names: listFormat.format(people.map((p) => p.name)) }),
        confirmLabel: t('map.removePerson'),
      });
      if (!confirmed) return false;
      for (const person of people) await removeStakeholder.mutateAsync({ id: person.id }).catch(() => undefined);
      refocusMap(people.map((p) => String(p.id)));
      onPeopleRemoved(people.map((p) => p.id));
      await invalidate();
      return true;
    },
    [confirm, t, listFormat, removeStakeholder, invalidate, refocusMap, onPeopleRemoved],
  );

  /** Delete or Backspace on selected cards or edges. */
  const onBeforeDelete: OnBeforeDelete<AppNode, AppEdge> = useCallback(
    async ({ nodes: doomedNodes, edges: doomedEdges }) => {
      const relationshipIds = doomedEdges.map((edge) => edge.data?.relationshipId).filter((id): id is number => typeof id === 'number');
      const people = doomedNodes.map((node) => node.data.person);
      // Removing a person removes their relationships too, so only a pure edge deletion removes edges.
      if (people.length > 0) {
        if (await removePeople(people)) onDeleted();
        return false;
      }
      if (relationshipIds.length === 0) return false;
      const confirmed = await confirm({
        title: t('map.removeRelationship', { count: relationshipIds.length }),
        message: t('map.confirmRemoveRelationship', { count: relationshipIds.length, pairs: listFormat.format(relationshipIds.map(describeRelationship)) }),
        confirmLabel: t('map.removeRelationship', { count: relationshipIds.length }),
      });
      if (!confirmed) return false;
      for (const id of relationshipIds) await removeRelationship.mutateAsync({ id }).catch(() => undefined);
      refocusMap(relationshipIds.map((id) => `rel-${id}`));
      onDeleted();
      await invalidate();
      // The refetch redraws the map from the server; React Flow must not delete on its own.
      return false;
    },
    [t, confirm, listFormat, removePeople, describeRelationship, removeRelationship, invalidate, refocusMap, onDeleted],
  );

  const error = removeStakeholder.error ?? removeRelationship.error;
  const resetError = useCallback(() => {
    removeStakeholder.reset();
    removeRelationship.reset();
  }, [removeStakeholder, removeRelationship]);

  return { removePeople, onBeforeDelete, confirmDialog, error, resetError };
}
