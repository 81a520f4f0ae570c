// Demo data grown from the union reports in ../shared/seeds (Zhejiang: 杭州 contests in
// sales, property services and elderly care; a medical-technology workshop; a dairy; a
// road-maintenance work area). Every id here is fixed so that seeding twice adds nothing.

export type SeedOrg = {
  id: string; name: string; type: string; parent: string | null;
  ownership?: "公有" | "非公"; industry?: string; region?: string; regionCode?: string; teams?: string[];
  /** UnitCategory (app/modules/orgs/org-types.ts), rule A-8: 规模以上企业, safety and industry regulators */
  unitCategory?: "safetyRegulator" | "industryRegulator" | "aboveScaleEnterprise";
};

export const ORGS: SeedOrg[] = [
  { id: "org-acftu", name: "中华全国总工会", type: "national", parent: null },
  { id: "org-zj", name: "浙江省总工会", type: "provincial", parent: "org-acftu", region: "浙江省" },
  { id: "org-hz", name: "杭州市总工会", type: "city", parent: "org-zj", region: "杭州市" },
  { id: "org-nb", name: "宁波市总工会", type: "city", parent: "org-zj", region: "宁波市" },
  { id: "org-hz-sc", name: "杭州市上城区总工会", type: "county", parent: "org-hz", region: "杭州市上城区", regionCode: "330102" },
  { id: "org-hz-xh", name: "杭州市西湖区总工会", type: "county", parent: "org-hz", region: "杭州市西湖区", regionCode: "330106" },
  { id: "org-hz-bj", name: "杭州市滨江区总工会", type: "county", parent: "org-hz", region: "杭州市滨江区", regionCode: "330108" },
  { id: "org-hz-jx", name: "杭州市机械冶金工会", type: "industry", parent: "org-hz", region: "杭州市", industry: "制造业" },
  { id: "org-nb-hs", name: "宁波市海曙区总工会", type: "county", parent: "org-nb", region: "宁波市海曙区", regionCode: "330203" },
  { id: "org-nb-yz", name: "宁波市鄞州区总工会", type: "county", parent: "org-nb", region: "宁波市鄞州区", regionCode: "330212" },
  { id: "org-hz-sc-hb", name: "上城区湖滨街道总工会", type: "street", parent: "org-hz-sc", region: "杭州市上城区" },
  { id: "org-hz-xh-wx", name: "西湖区文新街道总工会", type: "street", parent: "org-hz-xh", region: "杭州市西湖区" },
  { id: "org-hz-bj-gx", name: "滨江区高新园区工会联合会", type: "street", parent: "org-hz-bj", region: "杭州市滨江区" },
  { id: "org-nb-hs-nm", name: "海曙区南门街道总工会", type: "street", parent: "org-nb-hs", region: "宁波市海曙区" },
  { id: "org-nb-yz-sn", name: "鄞州区首南街道总工会", type: "street", parent: "org-nb-yz", region: "宁波市鄞州区" },
  // 基层工会 (at least 20), each with its teams
  { id: "ent-01", name: "杭州九和汽车销售服务有限公司工会", type: "grassroots", parent: "org-hz-sc-hb", ownership: "非公", industry: "批发和零售业", regionCode: "330102", teams: ["销售一组", "售后服务班组"] },
  { id: "ent-02", name: "杭州宝荣汽车销售有限公司工会", type: "grassroots", parent: "org-hz-sc-hb", ownership: "非公", industry: "批发和零售业", regionCode: "330102", teams: ["销售部", "钣喷班组"] },
  { id: "ent-03", name: "杭州地铁运营有限公司工会", type: "grassroots", parent: "org-hz-sc", ownership: "公有", industry: "交通运输、仓储和邮政业", regionCode: "330102", unitCategory: "aboveScaleEnterprise", teams: ["检修一班", "客运值班站"] },
  { id: "ent-04", name: "杭州和润天成置业有限公司工会", type: "grassroots", parent: "org-hz-xh-wx", ownership: "非公", industry: "房地产业", regionCode: "330106", teams: ["物业服务部", "工程维修班组"] },
  { id: "ent-05", name: "杭州市西湖区社会福利中心工会", type: "grassroots", parent: "org-hz-xh-wx", ownership: "公有", industry: "卫生和社会工作", regionCode: "330106", teams: ["养老护理一组", "养老护理二组"] },
  { id: "ent-06", name: "浙江省公路与运输管理中心西湖工区工会", type: "grassroots", parent: "org-hz-xh", ownership: "公有", industry: "公共管理、社会保障和社会组织", regionCode: "330106", teams: ["养护一班", "桥隧班组"] },
  { id: "ent-07", name: "杭州新亚医疗科技股份有限公司工会", type: "grassroots", parent: "org-hz-bj-gx", ownership: "非公", industry: "制造业", regionCode: "330108", teams: ["生产车间", "质检科"] },
  { id: "ent-08", name: "杭州海康智造电子有限公司工会", type: "grassroots", parent: "org-hz-bj-gx", ownership: "非公", industry: "制造业", regionCode: "330108", teams: ["SMT 班组", "总装一班"] },
  { id: "ent-09", name: "杭州滨江云链网络科技有限公司工会", type: "grassroots", parent: "org-hz-bj-gx", ownership: "非公", industry: "信息传输、软件和信息技术服务业", regionCode: "330108", teams: ["运维组", "外卖骑手站点"] },
  { id: "ent-10", name: "杭州汽轮动力集团有限公司工会", type: "grassroots", parent: "org-hz-jx", ownership: "公有", industry: "制造业", regionCode: "330105", unitCategory: "aboveScaleEnterprise", teams: ["焊接班组", "数控车间一班", "装配车间"] },
  { id: "ent-11", name: "杭州锅炉集团股份有限公司工会", type: "grassroots", parent: "org-hz-jx", ownership: "公有", industry: "制造业", regionCode: "330105", unitCategory: "aboveScaleEnterprise", teams: ["焊工班", "电工班"] },
  { id: "ent-12", name: "杭州钢铁集团有限公司工会", type: "grassroots", parent: "org-hz-jx", ownership: "公有", industry: "制造业", regionCode: "330105", unitCategory: "aboveScaleEnterprise", teams: ["炼钢一班", "机修班组"] },
  { id: "ent-13", name: "杭州百跃乳业有限公司工会", type: "grassroots", parent: "org-hz-xh", ownership: "非公", industry: "制造业", regionCode: "330106", teams: ["灌装班组", "品控科"] },
  { id: "ent-14", name: "国网杭州供电公司工会", type: "grassroots", parent: "org-hz", ownership: "公有", industry: "电力、热力、燃气及水生产和供应业", regionCode: "330104", unitCategory: "aboveScaleEnterprise", teams: ["配电运检班", "营销服务班"] },
  { id: "ent-15", name: "宁波港集团北仑第三集装箱码头有限公司工会", type: "grassroots", parent: "org-nb-hs", ownership: "公有", industry: "交通运输、仓储和邮政业", regionCode: "330203", unitCategory: "aboveScaleEnterprise", teams: ["桥吊班组", "理货班"] },
  { id: "ent-16", name: "宁波方太厨具有限公司工会", type: "grassroots", parent: "org-nb-hs-nm", ownership: "非公", industry: "制造业", regionCode: "330203", unitCategory: "aboveScaleEnterprise", teams: ["冲压车间", "总装二班"] },
  { id: "ent-17", name: "宁波市第一医院工会", type: "grassroots", parent: "org-nb-hs-nm", ownership: "公有", industry: "卫生和社会工作", regionCode: "330203", teams: ["护理部", "急诊科"] },
  { id: "ent-18", name: "宁波吉利汽车部件有限公司工会", type: "grassroots", parent: "org-nb-yz-sn", ownership: "非公", industry: "制造业", regionCode: "330212", unitCategory: "aboveScaleEnterprise", teams: ["焊装车间", "涂装车间"] },
  { id: "ent-19", name: "宁波市鄞州区城市建设投资集团工会", type: "grassroots", parent: "org-nb-yz", ownership: "公有", industry: "建筑业", regionCode: "330212", teams: ["项目部一班", "安全质量科"] },
  { id: "ent-20", name: "宁波雅戈尔服装有限公司工会", type: "grassroots", parent: "org-nb-yz-sn", ownership: "非公", industry: "制造业", regionCode: "330212", unitCategory: "aboveScaleEnterprise", teams: ["缝制一组", "裁剪班组"] },
  { id: "ent-21", name: "宁波市鄞州区家政服务协会工会联合会", type: "grassroots", parent: "org-nb-yz-sn", ownership: "非公", industry: "居民服务、修理和其他服务业", regionCode: "330212", teams: ["家政服务一站", "快递网点班组"] },
  { id: "ent-22", name: "宁波轨道交通集团有限公司工会", type: "grassroots", parent: "org-nb", ownership: "公有", industry: "交通运输、仓储和邮政业", regionCode: "330203", unitCategory: "aboveScaleEnterprise", teams: ["车辆检修班", "信号工班"] },  // 联审部门 consulted by 杭州市总工会 on candidates (issue 13, rule N-34)
  { id: "dept-hz-market", name: "杭州市市场监督管理局", type: "department", parent: "org-hz", region: "杭州市", unitCategory: "industryRegulator" },
  { id: "dept-hz-tax", name: "国家税务总局杭州市税务局", type: "department", parent: "org-hz", region: "杭州市" },
  { id: "dept-hz-hr", name: "杭州市人力资源和社会保障局", type: "department", parent: "org-hz", region: "杭州市" },
  { id: "dept-hz-emergency", name: "杭州市应急管理局", type: "department", parent: "org-hz", region: "杭州市", unitCategory: "safetyRegulator" },
  { id: "dept-hz-env", name: "杭州市生态环境局", type: "department", parent: "org-hz", region: "杭州市" },
  { id: "dept-hz-audit", name: "杭州市审计局", type: "department", parent: "org-hz", region: "杭州市" },
  { id: "dept-hz-discipline", name: "中共杭州市纪委 杭州市监委", type: "department", parent: "org-hz", region: "杭州市" },
  { id: "dept-hz-organisation", name: "中共杭州市委组织部", type: "department", parent: "org-hz", region: "杭州市" },
];

export const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split("");
export const GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建文志国栋晨亮成康峰".split("");
export const GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英慧婷玲雪琳颖倩洁燕萍红梅莉兰琴云丹晶瑶佳欣怡悦彤".split("");
export const ETHNICITIES = ["汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "畲族", "土家族", "苗族", "满族", "壮族"];
export const POSTS: Record<string, string[]> = {
  "制造业": ["焊工", "数控车工", "钳工", "电工", "装配工", "质检员"],
  "批发和零售业": ["汽车销售顾问", "汽车维修工", "钣金工"],
  "交通运输、仓储和邮政业": ["电动列车司机", "城市轨道交通检修工", "桥吊司机", "快递员"],
  "房地产业": ["物业管理员", "电梯安装维修工", "水电工"],
  "卫生和社会工作": ["养老护理员", "护士", "康复治疗师"],
  "公共管理、社会保障和社会组织": ["公路养护工", "桥隧工"],
  "信息传输、软件和信息技术服务业": ["网络运维工程师", "网约配送员"],
  "电力、热力、燃气及水生产和供应业": ["配电线路工", "电力营销员"],
  "建筑业": ["砌筑工", "混凝土工", "安全员"],
  "居民服务、修理和其他服务业": ["家政服务员", "快递员"],
};
export const SKILL_LEVELS = ["五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"];
export const TITLES = [null, null, null, "助理工程师", "工程师", "高级工程师", "护师", "主管护师"];

/** Demo accounts: every role, each over the subtree where it makes sense (prisma/demo-accounts.json). */
import demoAccounts from "./demo-accounts.json";
export const DEMO_PASSWORD = demoAccounts.password;
export const ACCOUNTS: { username: string; displayName: string; role: string; org: string; memberIndex?: number }[] = demoAccounts.accounts;
