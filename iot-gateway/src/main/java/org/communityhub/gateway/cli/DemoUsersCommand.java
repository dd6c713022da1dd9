package org.communityhub.gateway.cli;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.auth.PasswordHasher;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.auth.UserAdmin;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.gateway.demo.DemoStaff;
import org.communityhub.gateway.postgis.PostgisDemoSite;
import org.communityhub.gateway.postgis.PostgisUserStore;
import org.communityhub.geo.postgis.PostgisDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub demo-users}: (re)creates the demo logins with freshly generated passwords and prints them: security,
 * installer and admin, then the case staff of the loaded grids ({@link DemoStaff}: the subdistrict's dispatcher,
 * one per community, one or two grid workers per grid). Only {@code ./hub demo} calls it: there is no built-in
 * account anywhere else.
 *
 * <p>The passwords are 12 characters drawn at random from 32 (60 bits), not chosen by people, so PBKDF2's
 * stretching adds nothing an attacker could feel: they are hashed with at most {@value #DEMO_ITERATIONS}
 * iterations (a login whose password is changed later gets the configured cost). At the configured 600,000, the
 * 72 logins of the demo subdistrict took 63 s of {@code ./hub demo}'s start on a busy 2-core machine; now well
 * under a second. Hashed on every core at once.
 */
@Command(name = "demo-users", description = "Create the demo logins with new random passwords and print them.")
final class DemoUsersCommand implements Callable<Integer> {

    /** PBKDF2 iterations for the generated demo passwords (see the class comment). */
    static final int DEMO_ITERATIONS = 10_000;

    @Option(names = "--community", defaultValue = "c01", description = "the demo community")
    String community;

    @Override
    public Integer call() throws Exception {
        HubConfig config = HubConfigLoader.forTools(System.getenv());
        try (PostgisDatabase db = HubDatabases.openDatabase(config)) {
            UserAdmin users = new UserAdmin(new PostgisUserStore(db.dataSource()),
                    new PasswordHasher(Math.min(config.passwordIterations(), DEMO_ITERATIONS)));
            List<DemoStaff.Login> logins = new ArrayList<>();
            for (String name : List.of("security", "installer", "admin")) {
                Role role = Role.fromCode(name).orElseThrow();
                logins.add(new DemoStaff.Login(name, role, role == Role.ADMIN ? null : community, List.of()));
            }
            logins.addAll(new DemoStaff(new PostgisDemoSite(db.dataSource()).grids()).logins());
            ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            try {
                List<Future<String>> saved = new ArrayList<>();
                for (DemoStaff.Login login : logins) {
                    saved.add(pool.submit(() -> {
                        String password = randomPassword();
                        users.save(login.username(), password.toCharArray(), login.role(), login.community(), login.grids(),
                                "demo", null);
                        return password;
                    }));
                }
                for (int i = 0; i < logins.size(); i++) {
                    DemoStaff.Login login = logins.get(i);
                    System.out.println(login.username() + " / " + saved.get(i).get() + "  (" + scope(login) + ")");
                }
            } finally {
                pool.shutdownNow();
            }
            return 0;
        }
    }

    private static String scope(DemoStaff.Login login) {
        if (login.role() == Role.ADMIN) {
            return "admin, all communities";
        }
        if (login.role() == Role.GRID_WORKER) {
            return "grid_worker, grid " + String.join(",", login.grids());
        }
        return login.role().code() + (login.community() == null ? ", the whole subdistrict" : ", community " + login.community());
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
