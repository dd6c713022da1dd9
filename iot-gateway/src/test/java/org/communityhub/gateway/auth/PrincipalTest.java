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
    void rolesUseTheContractWords() {
        assertThat(Role.fromCode("security")).contains(Role.SECURITY);
        assertThat(Role.fromCode("installer")).contains(Role.INSTALLER);
        assertThat(Role.fromCode("admin")).contains(Role.ADMIN);
        assertThat(Role.fromCode("Admin")).isEmpty();
    }
}
