package org.communityhub.gateway.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.cases.CaseActor;

/**
 * The demo's case staff for a set of grids (CONTRACT §6): one dispatcher for the whole subdistrict
 * ({@value #SUBDISTRICT_DISPATCHER}, no community), one per community ({@code dispatcher-c01}), and a grid worker
 * per grid ({@code worker-c01-g1}), two for each community's first grid ({@code worker-c01-g1b} too). The first
 * by username is a grid's default assignee. Immutable; O(grids) to build.
 */
public final class DemoStaff {

    /** The subdistrict's dispatcher (街道管理运营中心). */
    public static final String SUBDISTRICT_DISPATCHER = "dispatcher";

    /** One login to create: its role, community (null: all) and grids. */
    public record Login(String username, Role role, String community, List<String> grids) {
    }

    private final Map<String, Login> logins = new LinkedHashMap<>();
    private final Map<String, List<String>> workersByGrid = new TreeMap<>();
    private final Map<String, List<String>> gridsByCommunity = new TreeMap<>();

    public DemoStaff(List<DemoSite.GridRef> grids) {
        add(new Login(SUBDISTRICT_DISPATCHER, Role.DISPATCHER, null, List.of()));
        for (DemoSite.GridRef g : grids) {
            gridsByCommunity.computeIfAbsent(g.community(), c -> new ArrayList<>()).add(g.code());
        }
        gridsByCommunity.forEach((community, codes) -> {
            add(new Login(dispatcher(community), Role.DISPATCHER, community, List.of()));
            for (int i = 0; i < codes.size(); i++) {
                String grid = codes.get(i);
                List<String> names = i == 0 ? List.of("worker-" + grid, "worker-" + grid + "b") : List.of("worker-" + grid);
                for (String name : names) {
                    add(new Login(name, Role.GRID_WORKER, community, List.of(grid)));
                }
                workersByGrid.put(grid, names);
            }
        });
    }

    private void add(Login login) {
        logins.put(login.username(), login);
    }

    /** Every login, the subdistrict dispatcher first, then community by community. */
    public List<Login> logins() {
        return List.copyOf(logins.values());
    }

    public static String dispatcher(String community) {
        return "dispatcher-" + community;
    }

    /** The communities that have grids, by code. */
    public List<String> communities() {
        return List.copyOf(gridsByCommunity.keySet());
    }

    /** The grid's workers, the default assignee first; empty for an unknown grid. */
    public List<String> workers(String grid) {
        return workersByGrid.getOrDefault(grid, List.of());
    }

    /** A community's grids, by code. */
    public List<String> grids(String community) {
        return gridsByCommunity.getOrDefault(community, List.of());
    }

    /** How the case rules see a demo login. */
    public CaseActor actor(String username) {
        Login l = Optional.ofNullable(logins.get(username))
                .orElseThrow(() -> new IllegalArgumentException("not a demo login: " + username));
        CaseActor.Kind kind = l.role() == Role.GRID_WORKER ? CaseActor.Kind.GRID_WORKER : CaseActor.Kind.DISPATCHER;
        return new CaseActor(username, kind, l.community(), Set.copyOf(l.grids()));
    }
}
