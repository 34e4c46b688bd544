import { z } from 'zod';
import { zId } from './common';

export const ZDealMembersSchema = z.object({ dealId: zId });
export const ZDealMemberSchema = z.object({ dealId: zId, userId: zId });
export type TDealMember = z.infer<typeof ZDealMemberSchema>;
