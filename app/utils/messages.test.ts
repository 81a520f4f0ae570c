import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bilingual, formatLongDate, localiseMessage, messageFor, punctuation, stripRuleCodes, valueLabel, zodIssueMessage } from "./messages";

describe("localiseMessage: the reader's half, no rule codes", () => {
  it("keeps the Chinese or the English half of a bilingual message", () => {
    expect(localiseMessage("请选择赛项 / choose an event", "zh")).toBe("请选择赛项");
    expect(localiseMessage("请选择赛项 / choose an event", "en")).toBe("choose an event");
    expect(localiseMessage("请求体必须是 JSON（Content-Type: application/json）/ the body must be JSON", "en")).toBe("the body must be JSON");
  });

  it("drops rule codes in either language (issue 12: \"(rule S-2/S-63)\")", () => {
    const text = "该赛项仅限职工参加，您的人员身份为学生 (rule S-2/S-63) / this event is open to 职工 only; the entrant's status is 学生";
    expect(localiseMessage(text, "zh")).toBe("该赛项仅限职工参加，您的人员身份为学生");
    expect(localiseMessage(text, "en")).toBe("this event is open to 职工 only; the entrant's status is 学生");
    expect(localiseMessage("按回避规定，您不能评判该选手（S-30、S-31）/ recusal rules forbid you to mark this entrant (S-30, S-31)", "en"))
      .toBe("recusal rules forbid you to mark this entrant");
    expect(stripRuleCodes("本组别参赛人数 29 少于最低要求 30 人（规则 S-4）。")).toBe("本组别参赛人数 29 少于最低要求 30 人。");
  });

  it("handles several messages joined with ；, a Chinese half with its own ；, and slashes inside words", () => {
    const joined = "技能等级只能是：五级/初级工、四级/中级工 / skill level: one of the five levels；从业年限应为整数 / years: a whole number";
    expect(localiseMessage(joined, "zh")).toBe("技能等级只能是：五级/初级工、四级/中级工；从业年限应为整数");
    expect(localiseMessage(joined, "en")).toBe("skill level: one of the five levels; years: a whole number");
    expect(localiseMessage("登录已失效，请重新登录；未发送的分数已保留 / signed out: sign in again", "en")).toBe("signed out: sign in again");
    expect(localiseMessage("登录已失效，请重新登录；未发送的分数已保留 / signed out: sign in again", "zh")).toBe("登录已失效，请重新登录；未发送的分数已保留");
  });

  it("a one-language message stays as it is; a localised message localises to itself", () => {
    expect(localiseMessage("评分表有误", "en")).toBe("评分表有误");
    expect(localiseMessage(localiseMessage(bilingual("forbidden"), "en"), "en")).toBe(messageFor("forbidden", "en"));
  });
});

describe("zodIssueMessage: zod's own issues, in both languages, without paths or jargon", () => {
  const messagesOf = (schema: z.ZodType, input: unknown) => {
    const result = schema.safeParse(input, { error: zodIssueMessage });
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };
  it("required, empty, too short/long, numbers, options, arrays", () => {
    const schema = z.object({ name: z.string().min(1), code: z.string().max(3), n: z.number().int().min(2), kind: z.enum(["a", "b"]), ids: z.array(z.string()).min(1) });
    const messages = messagesOf(schema, { name: "", code: "abcd", n: 1, kind: "c", ids: [] });
    expect(messages).toEqual(["此项不能为空 / This field cannot be empty", "最多 3 个字 / At most 3 characters", "不能小于 2 / Must be at least 2", "不是可选的值 / Not one of the allowed values", "至少需要 1 项 / At least 1 needed"]);
    expect(messagesOf(schema, {})[0]).toBe("此项必填 / This field is required");
    for (const m of messagesOf(schema, { name: 1, code: [], n: "x", kind: 2, ids: "no" })) {
      expect(m).not.toMatch(/expected|received|Invalid input|name|code/);
    }
  });
  it("a schema's own message wins", () => {
    expect(messagesOf(z.string().min(1, "请选择赛项 / choose an event"), "")).toEqual(["请选择赛项 / choose an event"]);
  });
});

describe("stripRuleCodes: the interface's own texts", () => {
  it.each([
    ["最少参赛人数（不足时取消，规则 S-4）", "最少参赛人数（不足时取消）"],
    ["同分排名依据（按顺序，规则 S-50–S-52）", "同分排名依据（按顺序）"],
    ["Finalists (ties with the N-th go through, rule S-14)", "Finalists (ties with the N-th go through)"],
    ["Two rounds: round 1 sets the draw order and entry numbers (S-33); round 2 sets codes (S-34, S-36).", "Two rounds: round 1 sets the draw order and entry numbers; round 2 sets codes."],
    ["申报回避（S-30）", "申报回避"],
    ["进入赛场后服从裁判安排，不得在作品或试卷上作任何标记（S-35）。", "进入赛场后服从裁判安排，不得在作品或试卷上作任何标记。"],
    ["Voided (identifying mark on the paper, rule S-35)", "Voided (identifying mark on the paper)"],
    ["no code here (S-shaped)", "no code here (S-shaped)"],
  ])("%s", (input, expected) => expect(stripRuleCodes(input)).toBe(expected));
});

describe("punctuation: full-width marks in Chinese only (issue 12 item 9)", () => {
  it("joins a list, a colon and a remark in the reader's language", () => {
    const zh = punctuation("zh");
    const en = punctuation("en");
    expect(`${zh.list(["甲", "乙", null, ""])}${zh.paren(3)}`).toBe("甲、乙（3）");
    expect(`List${en.colon}${en.list(["A", "B", false])}${en.paren(3)}`).toBe("List: A, B (3)");
    expect(/[\u3001-\u303f\uff01-\uff5e]/.test(Object.values(en).map((v) => (typeof v === "string" ? v : v(["x", "y"] as never))).join(""))).toBe(false);
  });
});

describe("stripRuleCodes: the other rule families too", () => {
  it.each([
    ["授予单位定期复审（动态管理，规则 N-41）：集体所在单位报送", "授予单位定期复审（动态管理）：集体所在单位报送"],
    ["reviews periodically (dynamic management, rule N-41): the unit reports", "reviews periodically (dynamic management): the unit reports"],
    ["门槛（规则 A-6）", "门槛"],
    ["a SN-41 part number stays", "a SN-41 part number stays"],
  ])("%s", (input, expected) => expect(stripRuleCodes(input)).toBe(expected));
});

describe("English mode complete (issue 12 item 9): dates, prizes, options", () => {
  it("a day in words in the reader's language, in China's time zone", () => {
    // 2026-12-06 20:00 UTC is already 7 December in China
    expect(formatLongDate("2026-12-06T20:00:00Z", "zh")).toBe("2026年12月7日");
    expect(formatLongDate("2026-12-06T20:00:00Z", "en")).toBe("7 December 2026");
    expect(formatLongDate(null, "en")).toBe("");
  });
  it("contest values an English reader meets have English names", () => {
    for (const value of ["一类", "二类", "职工组", "决赛", "初赛", "优胜奖", "市五一劳动奖章", "五级/初级工", "男", "女", "职工", "学生"]) {
      expect(/[\u3400-\u9fff]/.test(valueLabel(value, "en")), value).toBe(false);
    }
    expect(valueLabel("优胜奖", "zh")).toBe("优胜奖");
  });
});

describe("prize and reward names in English (issue 12 item 9)", () => {
  it("names the merit award, the May Day medals and their nominations", () => {
    expect(valueLabel("优胜奖", "en")).toBe("Merit award");
    expect(valueLabel("市五一劳动奖章", "en")).toBe("City May Day Labour Medal");
    expect(valueLabel("推荐市五一劳动奖章", "en")).toBe("Nominated for the City May Day Labour Medal");
    expect(valueLabel("推荐省五一劳动奖章；晋升技师", "en")).toBe("Nominated for the Provincial May Day Labour Medal; promoted to technician");
  });
});
