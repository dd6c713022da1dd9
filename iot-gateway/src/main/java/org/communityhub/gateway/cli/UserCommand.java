package org.communityhub.gateway.cli;

import java.io.Console;
import java.util.Arrays;
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
import picocli.CommandLine.Parameters;

/** {@code hub user add NAME --role ROLE [--community CODE] [--grid CODE]…}; the password from HUB_PASSWORD, else prompted. */
@Command(name = "user", description = "Manage logins.", subcommands = UserCommand.Add.class)
final class UserCommand {

    @Command(name = "add", description = "Create or update a login.")
    static final class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true,
                description = "security, installer, admin, dispatcher or grid_worker")
        String role;

        @Option(names = "--community",
                description = "the community code (required unless admin; a dispatcher without it: the whole subdistrict)")
        String community;

        @Option(names = "--grid", description = "a grid_worker's grid code (repeatable; the grids' community is the user's)")
        java.util.List<String> grids = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            Role r = Role.fromCode(role).orElseThrow(() ->
                    new IllegalArgumentException("--role must be security, installer, admin, dispatcher or grid_worker"));
            char[] password = password();
            HubConfig config = HubConfigLoader.forTools(System.getenv());
            String saved;
            try (PostgisDatabase db = HubDatabases.openDatabase(config)) {
                PostgisUserStore store = new PostgisUserStore(db.dataSource());
                new UserAdmin(store, new PasswordHasher(config.passwordIterations()))
                        .save(name, password, r, community, grids, "cli:" + System.getProperty("user.name"), null);
                saved = store.find(name).map(u -> u.community()).orElse(null);
            } finally {
                Arrays.fill(password, '\0');
            }
            System.out.println("hub: user " + name + " saved (" + r.code()
                    + (saved == null ? ", all communities" : ", community " + saved)
                    + (grids.isEmpty() ? "" : ", grids " + String.join(",", new java.util.TreeSet<>(grids))) + ")");
            return 0;
        }

        private static char[] password() {
            String fromEnv = System.getenv("HUB_PASSWORD");
            if (fromEnv != null && !fromEnv.isEmpty()) {
                return fromEnv.toCharArray();
            }
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException("set HUB_PASSWORD or run in a terminal to be prompted");
            }
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Repeat password: ");
            if (first == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the passwords do not match");
            }
            return first;
        }
    }
}
