package org.communityhub.geo.port;

import java.util.List;

/** Communities ▸ compounds ▸ buildings, each level ordered by code; no geometry. */
public record Hierarchy(List<Community> communities) {

    public Hierarchy {
        communities = List.copyOf(communities);
    }

    /** A community and its compounds. */
    public record Community(String code, String name, List<Compound> compounds) {
        public Community {
            compounds = List.copyOf(compounds);
        }
    }

    /** A compound and its buildings. */
    public record Compound(String code, String name, List<Named> buildings) {
        public Compound {
            buildings = List.copyOf(buildings);
        }
    }
}
