import { apiAction, handle } from "~/utils/api.server";
import { importAccountsOp } from "~/modules/users/api";
import { importAccounts } from "~/modules/users/account-import.server";
import { AppError } from "~/utils/errors";

// POST /api/v1/users/import: the Excel import's rules over JSON rows (issue 12 item 1).
export const action = apiAction({
  post: handle(importAccountsOp, async ({ user, body, actor }) => {
    const rows = body.rows.map((cells, i) => ({ row: i + 1, cells: { ...cells, username: cells.username ?? null, displayName: cells.displayName ?? null, phone: cells.phone ?? null, unit: cells.unit ?? null, role: cells.role ?? null } }));
    const result = await importAccounts(user, rows, actor, "api");
    if (!result.ok) {
      const badRows = new Set(result.problems.map((p) => p.row)).size;
      throw new AppError(422, "invalid_rows", `有 ${badRows} 行有误，未导入任何账号 / ${badRows} rows are wrong: nothing was imported`,
        result.problems.map((p) => ({ path: `body.rows.${p.row - 1}.${p.field}`, message: p.message })));
    }
    return { accounts: result.accounts } as never;
  }),
});
