package org.communityhub.gateway.demo;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.communityhub.contract.CaseCategory;

/** The fictional words of the demo cases: descriptions by category, notes, reasons, comments. Stateless. */
final class DemoTexts {

    private static final Map<CaseCategory, List<String>> DESCRIPTIONS = new EnumMap<>(CaseCategory.class);

    static {
        DESCRIPTIONS.put(CaseCategory.ENVIRONMENT, List.of("垃圾桶满了，垃圾溢出到路上", "绿化带里堆了装修垃圾",
                "楼道里有人堆放杂物，味道很大", "路边有积水，下水道堵了", "小区门口有大件家具乱丢"));
        DESCRIPTIONS.put(CaseCategory.FACILITY_DAMAGE, List.of("路灯不亮已经三天了", "单元门门禁坏了，关不上",
                "人行道地砖松动，容易绊倒", "健身器材螺丝脱落", "楼道声控灯不亮"));
        DESCRIPTIONS.put(CaseCategory.SAFETY_HAZARD, List.of("电动车在楼道里充电", "围墙有裂缝，怕倒塌",
                "井盖缺失，晚上很危险", "高空有广告牌松动", "飞线充电，电线从窗户拉下来"));
        DESCRIPTIONS.put(CaseCategory.FIRE_SAFETY, List.of("消防通道被车辆堵住", "灭火器过期了", "消防栓被杂物挡住",
                "安全出口指示灯不亮", "楼道防火门一直开着"));
        DESCRIPTIONS.put(CaseCategory.DISPUTE, List.of("楼上漏水到楼下，协商不成", "邻居占用公共过道",
                "停车位纠纷，经常被占", "宠物狗不拴绳，邻里有矛盾"));
        DESCRIPTIONS.put(CaseCategory.NOISE, List.of("晚上十点后还有装修噪音", "广场舞音响声音太大",
                "商铺音箱整天外放", "夜里有人在楼下喧哗"));
        DESCRIPTIONS.put(CaseCategory.OTHER, List.of("共享单车堆在小区门口", "流浪猫太多，希望有人管理",
                "小区公告栏信息过时", "希望增设一个快递柜"));
    }

    private static final List<String> HANDLED = List.of("已到现场处理完毕", "已联系物业处理，现场已恢复",
            "已安排维修人员修复", "已清理完毕，并提醒居民", "已协调双方，达成一致");
    private static final List<String> ON_THE_SPOT = List.of("现场已清理", "现场已劝导整改", "现场已挪开，通道畅通");
    private static final List<String> REJECTED = List.of("重复上报，已合并到此前的案件", "不属于社区职责，已告知拨打12345热线",
            "经核实情况不存在", "描述不清，请补充照片后重新上报");
    private static final List<String> REOPENED = List.of("居民反映问题又出现了", "复查发现未彻底解决");
    private static final List<String> COMMENTS = List.of("处理很及时，谢谢", "网格员态度很好", "比以前快多了", "还可以",
            "希望以后能更快一点");

    private DemoTexts() {
    }

    static String description(CaseCategory category, SplittableRandom rnd) {
        return pick(DESCRIPTIONS.get(category), rnd);
    }

    static String handled(SplittableRandom rnd) {
        return pick(HANDLED, rnd);
    }

    static String onTheSpot(SplittableRandom rnd) {
        return pick(ON_THE_SPOT, rnd);
    }

    static String rejected(SplittableRandom rnd) {
        return pick(REJECTED, rnd);
    }

    static String reopened(SplittableRandom rnd) {
        return pick(REOPENED, rnd);
    }

    /** A comment for a rating, or null (many residents only give a score). */
    static String comment(int score, SplittableRandom rnd) {
        if (rnd.nextDouble() < 0.5) {
            return null;
        }
        return score >= 4 ? pick(COMMENTS.subList(0, 3), rnd) : pick(COMMENTS.subList(3, COMMENTS.size()), rnd);
    }

    private static String pick(List<String> from, SplittableRandom rnd) {
        return from.get(rnd.nextInt(from.size()));
    }
}
