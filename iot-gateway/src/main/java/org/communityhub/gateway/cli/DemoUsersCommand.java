package org.communityhub.gateway.cli;

import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.auth.PasswordHasher;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.auth.UserAdmin;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.gateway.postgis.PostgisUserStore;
import org.communityhub.geo.postgis.PostgisDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub demo-users}: (re)creates the demo logins with freshly generated passwords and prints
 * them. Only {@code ./hub demo} calls it: there is no built-in account anywhere else.
 */
@Command(name = "demo-users", description = "Create the demo logins with new random passwords and print them.")
final class DemoUsersCommand implements Callable<Integer> {

    @Option(names = "--community", defaultValue = "c01", description = "the demo community")
    String community;

    @Override
    public Integer call() {
        HubConfig config = HubConfigLoader.forTools(System.getenv());
        try (PostgisDatabase db = HubDatabases.openDatabase(config)) {
            UserAdmin users = new UserAdmin(new PostgisUserStore(db.dataSource()),
                    new PasswordHasher(config.passwordIterations()));
            String[][] demo = {{"security", "security"}, {"installer", "installer"}, {"admin", "admin"}};
            for (String[] u : demo) {
                String password = randomPassword();
                Role role = Role.fromCode(u[1]).orElseThrow();
                users.save(u[0], password.toCharArray(), role, role == Role.ADMIN ? null : community, "demo", null);
                System.out.println(u[0] + " / " + password + "  (" + role.code()
                        + (role == Role.ADMIN ? ", all communities" : ", community " + community) + ")");
            }
            return 0;
        }
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
