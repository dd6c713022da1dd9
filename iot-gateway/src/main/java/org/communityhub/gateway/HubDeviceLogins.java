package org.communityhub.gateway;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.device.BrokerLogins;
import org.communityhub.gateway.device.DeviceLogins;
import org.communityhub.gateway.mqtt.MosquittoLoginFiles;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;

/**
 * Device logins (issue 18) wired: PostgreSQL ({@link PostgisDeviceCredentials}) is their single source, and when the
 * configuration names a Mosquitto broker's files ({@code HUB_MOSQUITTO_*}) every change is rendered into them and
 * the broker reloaded before the call returns (in a running hub only while its own sessions are connected, else at
 * their next connect). Used by the API and by {@code ./hub device credentials} alike.
 * Thread-safe (broker updates are serialized); each call blocks for a few statements and one reload.
 */
public final class HubDeviceLogins implements DeviceLogins {

    /** How long a provisioning QR code may be fetched after issuing. */
    public static final int PROVISIONING_SECONDS = 300;

    private final PostgisDeviceCredentials credentials;
    private final BrokerLogins broker;

    HubDeviceLogins(PostgisDeviceCredentials credentials, BrokerLogins broker) {
        this.credentials = credentials;
        this.broker = broker;
    }

    /** The logins of the hub configured by {@code config} on {@code ds} (creating the installation key if new). */
    public static HubDeviceLogins of(HubConfig config, DataSource ds) {
        return of(config, ds, () -> true);
    }

    /**
     * As {@link #of(HubConfig, DataSource)} for a running hub: a Mosquitto broker whose files it owns is reloaded only
     * while {@code sessionsConnected} says the hub's own sessions are connected (see {@code HubHttp#installDeviceLogins},
     * which the hub runs on every connect); otherwise a change is written to the files and waits for that.
     */
    static HubDeviceLogins of(HubConfig config, DataSource ds, BooleanSupplier sessionsConnected) {
        PostgisDeviceCredentials creds = new PostgisDeviceCredentials(ds,
                new InstallationSecrets(ds).getOrCreate(InstallationSecrets.DEVICE_KEY));
        HubConfig.Mosquitto files = config.devices().mosquitto();
        return new HubDeviceLogins(creds, files == null ? null : new MosquittoLoginFiles(files, sessionsConnected));
    }

    /** The store itself, for the command line's listing. */
    public PostgisDeviceCredentials credentials() {
        return credentials;
    }

    /** Whether the hub installs logins on the broker itself (else the operator does). */
    public boolean rendersBroker() {
        return broker != null;
    }

    @Override
    public Optional<Issued> issue(String code, boolean rotate, String actor) {
        Optional<Issued> issued = credentials.issue(code, rotate, actor, PROVISIONING_SECONDS).map(HubDeviceLogins::issued);
        if (issued.isPresent()) {
            sync();
        }
        return issued;
    }

    /** Every device in service gets a login unless it has one, and the broker is synced once. */
    public void issueAll(String actor) {
        credentials.issueAll(actor);
        sync();
    }

    @Override
    public Optional<Issued> takeProvisioning(String code) {
        return credentials.takeProvisioning(code).map(HubDeviceLogins::issued);
    }

    /**
     * Renders the logins into the Mosquitto files the hub owns; without such files (another broker, e.g. EMQX
     * reading the views of docs/emqx.md) only hashes that are missing or stale are computed.
     */
    @Override
    public void sync() {
        if (broker != null) {
            broker.install(credentials.logins());
        } else {
            credentials.refreshHashes();
        }
    }

    private static Issued issued(DeviceCredentials c) {
        return new Issued(c.code(), c.password(), c.community(), c.type().code());
    }
}
