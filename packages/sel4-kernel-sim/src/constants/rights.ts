/** seL4_CapRights bits. */
export const seL4_CanWrite = 1;
export const seL4_CanRead = 2;
export const seL4_CanGrant = 4;
export const seL4_CanGrantReply = 8;
export const seL4_AllRights = 0xf;
export const seL4_ReadWrite = 3;
export const seL4_NoRights = 0;

/** seL4_CapRights_new(grantReply, grant, read, write) → the rights word. */
export function seL4_CapRights_new(grantReply: number, grant: number, read: number, write: number): number {
  return (grantReply ? 8 : 0) | (grant ? 4 : 0) | (read ? 2 : 0) | (write ? 1 : 0);
}

/** ARM VM attributes for Page_Map / PageTable_Map. */
export enum seL4_ARM_VMAttributes {
  seL4_ARM_PageCacheable = 1,
  seL4_ARM_ParityEnabled = 2,
  seL4_ARM_Default_VMAttributes = 3,
  seL4_ARM_ExecuteNever = 4,
}
