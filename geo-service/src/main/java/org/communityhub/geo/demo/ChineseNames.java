package org.communityhub.geo.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Plausible fictional Chinese names for communities and compounds in Futian style. Stateless. */
final class ChineseNames {

    private static final List<String> COMMUNITY_BASES = List.of(
            "福田", "莲花", "景田", "香蜜", "梅林", "华富", "园岭", "沙头", "南园", "华强", "福保", "香岭",
            "下沙", "上沙", "石厦", "新洲", "益田", "皇岗", "水围", "岗厦", "彩田", "笋岗", "八卦岭", "红荔",
            "百花", "通新岭", "上步", "华林", "滨河", "竹子林", "车公庙", "侨香", "农园", "黄木岗", "新华", "梅丰");

    private static final List<String> COMMUNITY_VARIANTS = List.of("", "东", "西", "南", "北", "中", "新");

    private static final List<String> COMPOUND_PREFIXES = List.of(
            "景田", "莲花北", "香蜜湖", "梅林", "碧海", "金地", "万科", "华富", "彩虹", "天健", "中海", "招商",
            "新天地", "翠海", "锦绣", "阳光", "名仕", "东方", "福盈", "城市", "雅园", "鹏盛", "嘉葆", "华强",
            "黄埔", "金众", "皇达", "海天", "益田", "百花", "红树", "星河", "荔景", "福景", "天安", "卓越",
            "港丽", "绿景", "深业", "四季");

    /** Compound suffixes; {@link #LOW_RISE_SUFFIX} marks an older estate of 6–9-storey blocks. */
    private static final List<String> COMPOUND_SUFFIXES = List.of(
            "花园", "小区", "新村", "苑", "公寓", "大厦", "雅居", "名苑", "华庭", "家园");

    static final String LOW_RISE_SUFFIX = "新村";

    private ChineseNames() {
    }

    /** Name of the {@code k}-th community (0-based), e.g. 福田社区, 莲花东社区, 香蜜第9社区. */
    static String community(int k) {
        int base = k % COMMUNITY_BASES.size();
        int variant = k / COMMUNITY_BASES.size();
        String middle = variant < COMMUNITY_VARIANTS.size() ? COMMUNITY_VARIANTS.get(variant) : "第" + (variant + 1);
        return COMMUNITY_BASES.get(base) + middle + "社区";
    }

    /** {@code n} distinct compound names such as 景田花园 or 莲花北新村. */
    static List<String> compounds(int n, SplittableRandom rnd) {
        if (n > COMPOUND_PREFIXES.size()) {
            throw new IllegalArgumentException("at most " + COMPOUND_PREFIXES.size() + " compounds per community");
        }
        List<String> prefixes = RandomPicks.shuffled(COMPOUND_PREFIXES, rnd);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(prefixes.get(i) + COMPOUND_SUFFIXES.get(rnd.nextInt(COMPOUND_SUFFIXES.size())));
        }
        return out;
    }

    /** Building names: 1栋, 2栋 ... or A座, B座 ... when {@code lettered} (at most 26). */
    static String building(int index, boolean lettered) {
        return lettered ? (char) ('A' + index) + "座" : (index + 1) + "栋";
    }
}
