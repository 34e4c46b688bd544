/** What the account room shows: `account.get` as the server answers it (SPEC §11). */
import type { RouterOutputs } from '../../lib/trpc';

export type RoomData = RouterOutputs['account']['get'];
export type RoomAccount = RoomData['account'];
export type RoomDeal = RoomData['deals'][number];
export type RoomComplaint = RoomData['complaints'][number];
