import { titled } from "~/utils/meta";
// Any URL no route claims: the friendly 404 page (rendered by the root error boundary).
export const meta = titled("notFound");

export function loader() {
  throw new Response("找不到该页面 / page not found", { status: 404 });
}

export function action() {
  throw new Response("找不到该页面 / page not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
