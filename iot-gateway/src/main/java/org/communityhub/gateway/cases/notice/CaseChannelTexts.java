package org.communityhub.gateway.cases.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the channel messages of the cases' reminders, short and Chinese-first: a case that became overdue (its
 * number, category, community and grid, deadline) and a community's daily digest (open and overdue counts and its
 * first cases). No reporter's description or contact number, no staff names. Stateless; thread-safe.
 *
 * @param link the hub's cases page (absolute)
 */
public record CaseChannelTexts(ZoneId zone, String link) {

    /** How many cases a digest message lists. */
    public static final int TOP = 5;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> CATEGORY = Map.of("environment", "环境卫生", "facility_damage", "设施损坏",
            "safety_hazard", "安全隐患", "fire_safety", "消防安全", "dispute", "矛盾纠纷", "noise", "噪声扰民",
            "other", "其他");
    private static final Map<String, String> STATUS = Map.of("submitted", "待受理", "accepted", "已受理",
            "assigned", "已派单", "in_progress", "处理中", "handled", "已处置");

    /** The key of a community's digest of one local day, without the community (appended). */
    public static String digestKeyPrefix(LocalDate day) {
        return "case-digest:" + day + ":";
    }

    public ChannelNotice overdue(NotificationStore.OverdueCase c) {
        List<String> lines = new ArrayList<>();
        lines.add("类别：" + category(c.category()));
        lines.add("地点：" + c.community() + (c.grid() == null ? "" : " 网格 " + c.grid()));
        lines.add("期限：" + time(c.deadline()) + "（已超期，请督办）");
        return new ChannelNotice("case-overdue:" + c.id() + ":" + c.deadline().toEpochMilli(), "case_overdue",
                c.community(), "【案件超期】#" + c.id() + " " + category(c.category()), lines, link);
    }

    public ChannelNotice digest(CaseChannels.CommunityDigest d, LocalDate day) {
        List<String> lines = new ArrayList<>();
        lines.add("未办结 " + d.open() + " 件，其中已超期 " + d.overdue() + " 件");
        if (d.untriaged() > 0) {
            lines.add("待受理 " + d.untriaged() + " 件，最早提交于 " + time(d.oldestUntriaged()));
        }
        for (CaseChannels.DigestCase c : d.top()) {
            lines.add("#" + c.id() + " " + category(c.category()) + (c.grid() == null ? "" : " · 网格 " + c.grid()) + " · "
                    + STATUS.getOrDefault(c.status(), c.status())
                    + (c.deadline() == null ? "" : " · 期限 " + time(c.deadline())) + (c.overdue() ? " · 已超期" : ""));
        }
        if (d.open() > d.top().size()) {
            lines.add("… 另 " + (d.open() - d.top().size()) + " 件");
        }
        return new ChannelNotice(digestKeyPrefix(day) + d.community(), "case_digest", d.community(),
                "【案件日报】" + (d.name() == null ? d.community() : d.name()) + " " + day, lines, link);
    }

    private static String category(String code) {
        return CATEGORY.getOrDefault(code, code);
    }

    private String time(Instant at) {
        return LOCAL.format(at.atZone(zone));
    }
}
