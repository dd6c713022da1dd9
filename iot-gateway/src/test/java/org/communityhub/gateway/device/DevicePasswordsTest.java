package org.communityhub.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Device password hashes are Mosquitto's own {@code $7$} format (the hub renders the broker's password file). */
class DevicePasswordsTest {

    /** What {@code mosquitto_passwd -U} (Mosquitto 2.0.11) wrote for the password {@code secret}. */
    private static final String MOSQUITTO_HASH =
            "$7$101$JoenNk7kDxTUZDQg$hA9W4r7HiH76sptqkLyE77oS8C7uUz+ubFjwazHNzt4rwzykN4VmC/tQVoHC3A+avnnQnJL8dYRIXv8dQ8BBYQ==";

    @Test
    void aHashWrittenByMosquittoPasswdIsReproduced() {
        assertThat(DevicePasswords.matches("secret", MOSQUITTO_HASH)).isTrue();
        assertThat(DevicePasswords.matches("Secret", MOSQUITTO_HASH)).isFalse();
    }

    @Test
    void freshHashesAreSaltedAndInMosquittosFormat() {
        String a = DevicePasswords.hash("pw-1");
        assertThat(a).matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        assertThat(DevicePasswords.hash("pw-1")).isNotEqualTo(a);
        assertThat(DevicePasswords.matches("pw-1", a)).isTrue();
    }
}
