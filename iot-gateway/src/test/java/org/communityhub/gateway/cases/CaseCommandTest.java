package org.communityhub.gateway.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The step names are the API's path segments and the history's words (CONTRACT §7): renaming a record must
 * not change them silently.
 */
class CaseCommandTest {

    @Test
    void everyStepIsNamedAsTheApiNamesIt() {
        List<CaseCommand> steps = List.of(new CaseCommand.Accept(null, null, null), new CaseCommand.Reject("r"),
                new CaseCommand.Assign("a"), new CaseCommand.Start(), new CaseCommand.Handle("n"),
                new CaseCommand.Close(), new CaseCommand.Reopen("r"), new CaseCommand.Rework("r"));
        assertThat(steps).extracting(CaseCommand::action)
                .containsExactly("accept", "reject", "assign", "start", "handle", "close", "reopen", "rework");
        assertThat(CaseCommand.class.getPermittedSubclasses()).hasSameSizeAs(steps);
    }
}
