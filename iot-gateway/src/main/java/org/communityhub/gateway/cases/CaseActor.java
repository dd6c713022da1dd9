package org.communityhub.gateway.cases;

import java.util.Set;

/**
 * Who acts on a case, as the case rules see them (CONTRACT §6): a dispatcher of one community or of
 * the whole subdistrict, a grid worker of some grids, an admin, or the public reporter (no account).
 *
 * @param username the login, or null for the public reporter
 * @param community the dispatcher's or grid worker's community; null for a subdistrict dispatcher,
 *                  an admin or the public
 * @param grids the grid worker's grids (empty for everyone else)
 */
public record CaseActor(String username, Kind kind, String community, Set<String> grids) {

    /** The kinds of actor the case rules distinguish. */
    public enum Kind { DISPATCHER, GRID_WORKER, ADMIN, OTHER_STAFF, PUBLIC }

    public CaseActor {
        grids = Set.copyOf(grids);
    }

    public static CaseActor anonymous() {
        return new CaseActor(null, Kind.PUBLIC, null, Set.of());
    }

    /** Whether the case is in this actor's scope (outside it a case is "not found", never "forbidden"). */
    public boolean sees(CaseFile c) {
        switch (kind) {
            case ADMIN:
                return true;
            case DISPATCHER:
                return community == null || community.equals(c.community());
            case GRID_WORKER:
                return c.grid() != null && grids.contains(c.grid())
                        || username != null && (username.equals(c.reporter()) || username.equals(c.assignee()));
            case OTHER_STAFF:
                return community != null && community.equals(c.community());
            default:
                return false;
        }
    }

    /** Dispatchers and admins run the platform's side: accept, reject, assign, close, reopen. */
    public boolean dispatches() {
        return kind == Kind.DISPATCHER || kind == Kind.ADMIN;
    }
}
