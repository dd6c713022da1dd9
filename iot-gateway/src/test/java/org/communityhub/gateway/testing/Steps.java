package org.communityhub.gateway.testing;

import org.communityhub.gateway.cases.CaseActor;
import org.communityhub.gateway.cases.CaseCommand;

/** Test helper: one case step taken at a local time (ISO {@code yyyy-MM-ddTHH:mm}) on a manual clock. */
@FunctionalInterface
public interface Steps {

    void take(String when, CaseActor who, long id, CaseCommand command);
}
