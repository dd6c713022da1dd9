package org.communityhub.gateway.alert;

/** Port: the incident context of an alert. Blocking; call off the event loop. */
public interface IncidentContextSource {

    /** @param perCategory how many facilities of each safety category to include */
    Incident describe(Alert alert, int perCategory);
}
