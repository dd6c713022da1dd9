package org.communityhub.geo.demo;

import java.sql.Connection;

/** Test-only, for {@code LayeringTest}: the demo generator importing JDBC. Never used at run time. */
final class LayeringProbe {

    private LayeringProbe() {
    }

    static boolean probe(Connection c) {
        return c == null;
    }
}
