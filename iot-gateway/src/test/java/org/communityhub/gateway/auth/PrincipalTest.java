package org.communityhub.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Community scoping of a caller. */
class PrincipalTest {

    @Test
    void anAdminHasNoScopeAndSeesEveryCommunity() {
        Principal admin = new Principal("root", Role.ADMIN, "c-1");
        assertThat(admin.scope()).isNull();
        assertThat(admin.sees("c-1")).isTrue();
        assertThat(admin.sees("c-2")).isTrue();
        assertThat(new Principal("root", Role.ADMIN, null).sees("c-9")).isTrue();
    }

    @Test
    void securityAndInstallerSeeOnlyTheirCommunity() {
        for (Role role : new Role[] {Role.SECURITY, Role.INSTALLER}) {
            Principal p = new Principal("u", role, "c-1");
            assertThat(p.scope()).isEqualTo("c-1");
            assertThat(p.sees("c-1")).isTrue();
            assertThat(p.sees("c-2")).isFalse();
            assertThat(p.sees(null)).isFalse();
        }
    }

    @Test
    void aNonAdminWithoutCommunitySeesNothing() {
        Principal p = new Principal("u", Role.SECURITY, null);
        assertThat(p.sees(null)).isFalse();
        assertThat(p.sees("c-1")).isFalse();
    }

    @Test
    void aDispatcherWithoutCommunityWorksForTheWholeSubdistrict() {
        Principal wide = new Principal("d", Role.DISPATCHER, null);
        assertThat(wide.scope()).isNull();
        assertThat(wide.sees("c-9")).isTrue();
        Principal local = new Principal("d", Role.DISPATCHER, "c-1");
        assertThat(local.scope()).isEqualTo("c-1");
        assertThat(local.sees("c-2")).isFalse();
        assertThat(new Principal("w", Role.GRID_WORKER, null).sees("c-1")).isFalse();
    }

    @Test
    void rolesUseTheContractWords() {
        assertThat(Role.fromCode("dispatcher")).contains(Role.DISPATCHER);
        assertThat(Role.fromCode("grid_worker")).contains(Role.GRID_WORKER);
        assertThat(Role.fromCode("security")).contains(Role.SECURITY);
        assertThat(Role.fromCode("installer")).contains(Role.INSTALLER);
        assertThat(Role.fromCode("admin")).contains(Role.ADMIN);
        assertThat(Role.fromCode("Admin")).isEmpty();
    }
}
