package org.communityhub.gateway.responders;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.AlertKind;
import org.communityhub.gateway.alert.Incident;
import org.communityhub.gateway.alert.IncidentContextSource;
import org.communityhub.gateway.alert.Severity;

/**
 * Writes an alert's {@link Notice}, a page or a real fire's confirmation ({@link DeliveryPurpose}): what (kind,
 * severity, 火警已确认 for a confirmation), where (community, compound,
 * building, floor), when (Beijing time), the nearest hydrant, exit, AED and extinguisher, and the link to the alert
 * on the map. Names come from the incident context; no personal data. Cost: one incident lookup (blocking: call
 * off the event loop). Thread-safe.
 *
 * @param publicUrl the hub's address as people reach it (links), without a trailing slash
 */
public record NoticeComposer(IncidentContextSource context, String publicUrl) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);
    private static final Map<AlertKind, String> KIND = Map.of(AlertKind.FIRE, "火警", AlertKind.INTRUSION, "入侵",
            AlertKind.ACCESS, "门禁异常", AlertKind.MAINTENANCE, "设备故障");
    private static final Map<Severity, String> SEVERITY = Map.of(Severity.CRITICAL, "紧急", Severity.HIGH, "高",
            Severity.MEDIUM, "中", Severity.LOW, "低");
    private static final Map<String, String> NEARBY = Map.of("fire_hydrant", "消防栓", "exit", "出口", "aed", "AED",
            "extinguisher", "灭火器");

    public NoticeComposer {
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The hub's page. */
    public String home() {
        return publicUrl + "/";
    }

    /** The link to an alert on the hub's page. */
    public String link(long alertId) {
        return publicUrl + "/#alert=" + alertId;
    }

    /**
     * The alert's message at {@code tier} for {@code purpose}: what it announces (a page: the alarm, 火警; a
     * confirmation: 火警已确认, so only the confirmation's message says so, even when a page goes out after it) and its
     * status line where the alert stands at sending (火警已确认 once confirmed, 已处理 once resolved).
     */
    public Notice compose(Alert a, int tier, DeliveryPurpose purpose) {
        Incident i = context.describe(a, 1);
        boolean confirmed = purpose == DeliveryPurpose.CONFIRMED;
        String what = KIND.get(a.kind()) + (confirmed ? "已确认" : "");
        String title = (tier > 1 ? "【升级" + tier + "级】" : "") + "【" + what + "】" + place(i, a);
        List<String> lines = new ArrayList<>();
        lines.add("事件：" + what + "（" + SEVERITY.get(a.severity()) + "）" + (a.count() > 1 ? " ×" + a.count() : ""));
        lines.add("地点：" + place(i, a) + (a.floor() != null ? " " + a.floor() + "层" : ""));
        lines.add("时间：" + TIME.format(a.openedAt()));
        lines.add("设备：" + a.device());
        lines.add("状态：" + status(a));
        String near = i.nearby().stream().filter(n -> NEARBY.containsKey(n.category()))
                .map(n -> NEARBY.get(n.category()) + " " + n.name() + " " + Math.round(n.distanceM()) + "米")
                .collect(Collectors.joining("；"));
        if (!near.isEmpty()) {
            lines.add("附近：" + near);
        }
        return new Notice("alert", tier, title, lines, link(a.id()), a);
    }

    private static String place(Incident i, Alert a) {
        List<String> parts = new ArrayList<>();
        parts.add(i.community() != null ? i.community().name() : a.community());
        if (i.compound() != null) {
            parts.add(i.compound().name());
        }
        if (i.building() != null) {
            parts.add(i.building().name());
        }
        return String.join(" ", parts);
    }

    private static String status(Alert a) {
        switch (a.status()) {
            case CONFIRMED:
                return "火警已确认，请立即处置";
            case ACKNOWLEDGED:
                return "已接警";
            case RESOLVED:
                return "已处理";
            default:
                return a.kind() == AlertKind.FIRE ? "待确认（请到现场确认真假火警）" : "待处理";
        }
    }
}
