package org.communityhub.contract;

/** Groups of event types that share a retention period. */
public enum EventClass {
    /** Face-gate and door traffic: personal data, kept no longer than needed (default 30 days). */
    ACCESS,
    /** Fire and intrusion alarms (default one year). */
    ALARM,
    /** Heartbeats, faults, tamper and video loss (default 30 days). */
    TECHNICAL;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name the database and the API use (made once: the store asks for it for every event). */
    public String code() {
        return code;
    }
}
