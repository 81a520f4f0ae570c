import { expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";

type DemoAccount = { username: string; displayName: string; role: string };
const demo = JSON.parse(readFileSync(new URL("../../prisma/demo-accounts.json", import.meta.url), "utf8")) as {
  password: string;
  accounts: DemoAccount[];
};

export const DEMO_PASSWORD = demo.password;
export const DEMO_ACCOUNTS = demo.accounts;

/** Signs in through the login form, as a person would, and waits for the dashboard. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** The main navigation (its accessible name is the translated "menu"). */
export const mainNav = (page: Page, name = "菜单") => page.getByRole("navigation", { name });
