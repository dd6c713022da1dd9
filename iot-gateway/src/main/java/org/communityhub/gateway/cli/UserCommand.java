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

/** {@code hub user add NAME --role ROLE [--community CODE]}; the password from HUB_PASSWORD, else prompted. */
@Command(name = "user", description = "Manage logins.", subcommands = UserCommand.Add.class)
final class UserCommand {

    @Command(name = "add", description = "Create or update a login.")
    static final class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, description = "security, installer or admin")
        String role;

        @Option(names = "--community", description = "the community code (required unless admin)")
        String community;

        @Override
        public Integer call() {
            Role r = Role.fromCode(role).orElseThrow(() ->
                    new IllegalArgumentException("--role must be security, installer or admin"));
            char[] password = password();
            HubConfig config = HubConfigLoader.forTools(System.getenv());
            try (PostgisDatabase db = HubDatabases.openDatabase(config)) {
                new UserAdmin(new PostgisUserStore(db.dataSource()), new PasswordHasher(config.passwordIterations()))
                        .save(name, password, r, community, "cli:" + System.getProperty("user.name"), null);
            } finally {
                Arrays.fill(password, '\0');
            }
            System.out.println("hub: user " + name + " saved (" + r.code()
                    + (r == Role.ADMIN ? ", all communities" : ", community " + community) + ")");
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
