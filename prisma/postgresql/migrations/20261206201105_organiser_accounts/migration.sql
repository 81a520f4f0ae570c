-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;


-- Organisers create and grant accounts within their subtree (issue 12 item 1). The seed adds a
-- role's missing default permissions on every start, and an installation that does not run the
-- seed gets the row here. On a new database the roles do not exist yet: the seed writes them.
INSERT INTO "RolePermission" ("roleKey", "permissionKey")
SELECT 'organiser', 'user:manage'
WHERE EXISTS (SELECT 1 FROM "Role" WHERE "key" = 'organiser') AND EXISTS (SELECT 1 FROM "Permission" WHERE "key" = 'user:manage')
ON CONFLICT DO NOTHING;
