import { z } from 'zod';
import { zId } from './common';

export const ZDealMembersSchema = z.strictObject({ dealId: zId });
export const ZDealMemberSchema = z.strictObject({ dealId: zId, userId: zId });
export type TDealMember = z.infer<typeof ZDealMemberSchema>;
