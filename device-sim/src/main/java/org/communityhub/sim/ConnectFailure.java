package org.communityhub.sim;

import java.net.ConnectException;
import java.net.UnknownHostException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A device could not log in to the broker, classified for humans and exit codes. Immutable.
 */
public final class ConnectFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the connection failed. */
    public enum Kind {
        /** No TCP connection: the broker is down, the URL is wrong or a firewall is in the way. */
        UNREACHABLE,
        /** CONNACK 0x86 (v3: 4): unknown user name or wrong password. */
        BAD_CREDENTIALS,
        /** CONNACK 0x87 (v3: 5): the login exists but may not connect. */
        NOT_AUTHORIZED,
        /** Anything else (protocol error, timeout after TCP connect, ...). */
        OTHER
    }

    private final Kind kind;
    private final String device;

    public ConnectFailure(String device, Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.device = device;
    }

    public Kind kind() {
        return kind;
    }

    public String device() {
        return device;
    }

    /** Classifies a Paho failure of connecting {@code device} to {@code url}. */
    public static ConnectFailure of(String device, String url, Throwable error) {
        Throwable cause = error;
        int code = error instanceof MqttException me ? me.getReasonCode() : -1;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (code == 134 || code == 4) {
            return new ConnectFailure(device, Kind.BAD_CREDENTIALS, "broker refused the credentials of device " + device
                    + " (bad user name or password, reason 0x86): run ./hub device credentials " + device, error);
        }
        if (code == 135 || code == 5) {
            return new ConnectFailure(device, Kind.NOT_AUTHORIZED, "broker refused the credentials of device " + device
                    + " (not authorized, reason 0x87: unknown user, wrong password or login not allowed): "
                    + "run ./hub device credentials " + device, error);
        }
        if (code == 32103 || code == 32000 || cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return new ConnectFailure(device, Kind.UNREACHABLE, "broker unreachable at " + url + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), error);
        }
        return new ConnectFailure(device, Kind.OTHER, "device " + device + " could not connect to " + url + ": "
                + error.getMessage() + (code >= 0 ? " (reason " + code + ")" : ""), error);
    }
}
