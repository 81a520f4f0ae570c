import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/utils/auth.server";
import { getLocale } from "~/i18n/locale.server";
import { navigationFor } from "~/modules/users/navigation";
import { useNonce } from "~/utils/nonce";
import stylesHref from "~/styles/app.css";
import { QueuedMarksSender, unsentMarkCount } from "~/components/judging/queued-marks-sender";
import { announceUserToServiceWorker } from "~/components/judging/service-worker";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "工赛 Gongsai" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  return {
    locale,
    requestId: (context as { requestId?: string })?.requestId ?? null,
    user: user && {
      id: user.id,
      displayName: user.displayName,
      username: user.username,
      roleKeys: user.roleKeys,
      nav: navigationFor(user.grants),
    },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

function LanguageSwitch({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other = locale === "zh" ? "en" : "zh";
  return (
    <Form method="post" action="/set-locale" className="lang-switch">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="link-button" lang={other} aria-label={`${t("language.label")}: ${t(`language.${other}`)}`}>
        {t(`language.${other}`)}
      </button>
    </Form>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const { t } = useTranslation();
  const user = data?.user;
  return (
    <>
      <a href="#main" className="skip-link">{t("skipToContent")}</a>
      <header className="app-header">
        <div className="brand">
          <a href="/" className="brand-link">
            <span className="brand-mark" aria-hidden="true">工</span>
            <span>{t("appName")}</span>
          </a>
          <span className="brand-tagline">{t("appTagline")}</span>
        </div>
        <div className="header-tools">
          <LanguageSwitch locale={data?.locale ?? "zh"} />
          {user ? (
            <Form
              method="post"
              action="/logout"
              onSubmit={(event) => {
                // Issue 11: marks still on this tablet stay there (per user) and go when this judge signs in again.
                const unsent = unsentMarkCount(user.id);
                if (unsent > 0 && !window.confirm(t("judging:logoutUnsent", { count: unsent }))) event.preventDefault();
                else announceUserToServiceWorker(null);
              }}
            >
              <span className="who" aria-label={user.username}>{user.displayName}</span>
              <button type="submit" className="button button-quiet">{t("nav.logout")}</button>
            </Form>
          ) : null}
        </div>
      </header>
      {user ? (
        <nav className="app-nav" aria-label={t("nav.menu")}>
          <ul>
            {user.nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
                  {t(item.labelKey)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <QueuedMarksSender userId={user?.id ?? null} />
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** After a language switch (a POST and a client-side redirect) the browser's i18next must follow the loader. */
function useFollowLocale(locale: string | undefined) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (locale && i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const nonce = useNonce();
  useFollowLocale(data?.locale);
  return (
    <html lang={data?.locale ?? "zh"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Shell>{children}</Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}

export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const data = useRouteLoaderData<RootData>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 403
      ? [t("errors.forbiddenTitle"), t("errors.forbiddenBody")]
      : status === 404
        ? [t("errors.notFoundTitle"), t("errors.notFoundBody")]
        : status === 503
          ? [t("errors.storageFullTitle"), t("errors.storageFullBody")] // issue 11 item 1: app/utils/page-actions.server.ts
          : [t("errors.genericTitle"), t("errors.genericBody")];
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  return (
    <section className="error-page" role="alert" aria-labelledby="error-title">
      <p className="error-code" aria-hidden="true">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      {detail && detail !== body ? <p className="muted">{detail}</p> : null}
      {data?.requestId ? <p className="muted small">{t("errors.requestId", { id: data.requestId })}</p> : null}
      <p>
        <a className="button" href="/">{t("errors.goHome")}</a>
      </p>
    </section>
  );
}
