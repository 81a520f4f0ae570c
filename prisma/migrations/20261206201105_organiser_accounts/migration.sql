-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "memberId" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh',
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "disabledAt", "displayName", "id", "locale", "memberId", "passwordChangedAt", "passwordHash", "updatedAt", "username") SELECT "createdAt", "disabledAt", "displayName", "id", "locale", "memberId", "passwordChangedAt", "passwordHash", "updatedAt", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE UNIQUE INDEX "User_memberId_key" ON "User"("memberId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Organisers create and grant accounts within their subtree (issue 12 item 1). The seed adds a
-- role's missing default permissions on every start; an installation that does not run the
-- seed gets the row here. On a new database the roles do not exist yet: the seed writes them.
INSERT OR IGNORE INTO "RolePermission" ("roleKey", "permissionKey")
SELECT 'organiser', 'user:manage'
WHERE EXISTS (SELECT 1 FROM "Role" WHERE "key" = 'organiser') AND EXISTS (SELECT 1 FROM "Permission" WHERE "key" = 'user:manage');
