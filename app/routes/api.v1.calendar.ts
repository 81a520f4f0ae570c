import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { listCalendarOp, saveCalendarDayOp } from "~/modules/review-chain/api";
import { listCalendarDays, saveCalendarDay } from "~/modules/calendar/calendar.server";

export const loader = apiLoader(listCalendarOp, async ({ query }) => ({
  items: (await listCalendarDays(query.year)).map((d) => ({ date: d.date, kind: d.kind as "holiday" | "workday", name: d.name })),
}));

export const action = apiAction({
  post: handle(saveCalendarDayOp, async ({ user, body, actor }) => {
    const d = await saveCalendarDay(user, body, actor);
    return { date: d.date, kind: d.kind as "holiday" | "workday", name: d.name };
  }),
});
