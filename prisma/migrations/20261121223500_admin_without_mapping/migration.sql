-- The system administrator no longer holds judging:encrypt by default: only the encryption
-- officer (保密员) sees which registration holds which blind code (rules S-33, S-34). The seed
-- adds missing defaults but never removes permissions, so the old default is removed here, once.
DELETE FROM "RolePermission" WHERE "roleKey" = 'admin' AND "permissionKey" = 'judging:encrypt';
