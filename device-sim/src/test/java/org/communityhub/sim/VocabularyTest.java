package org.communityhub.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.communityhub.contract.DeviceType;
import org.junit.jupiter.api.Test;

/**
 * The simulator is a black-box client, but its words are hub-contract's: no second {@code DeviceType} or
 * {@code RejectReason} in its main classes (the hub's own modules have the same rule in {@code LayeringTest}).
 * Cost: one class-file import of the simulator.
 */
class VocabularyTest {

    static final ArchRule ONE_VOCABULARY = classes().that().haveSimpleNameContaining("DeviceType")
            .or().haveSimpleNameContaining("RejectReason").should().resideInAPackage("org.communityhub.contract..")
            .because("device types and reject reasons are defined once, in hub-contract")
            .allowEmptyShould(true);

    /** A copy of a contract word, to show that the rule bites. Test-only; never used. */
    enum HubRejectReason { BAD_TOPIC }

    @Test
    void theSimulatorDefinesNoWordOfItsOwn() {
        JavaClasses sim = new ClassFileImporter().importUrl(SimCommand.class.getProtectionDomain().getCodeSource()
                .getLocation());
        assertThat(sim.contain(SimCommand.class)).isTrue();
        assertThat(sim.get(Scenarios.class).getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().isEquivalentTo(DeviceType.class));
        ONE_VOCABULARY.check(sim);
    }

    @Test
    void theRuleBites() {
        JavaClasses copy = new ClassFileImporter().importClasses(HubRejectReason.class);
        assertThat(ONE_VOCABULARY.evaluate(copy).hasViolation()).isTrue();
    }
}
