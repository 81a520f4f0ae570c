import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { actorOf, getUser, logout } from "~/utils/auth.server";

// Logging out changes state, so it is POST only; a GET just goes home.
export const loader = () => redirect("/");

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  return logout(request, actorOf(user, context));
}
