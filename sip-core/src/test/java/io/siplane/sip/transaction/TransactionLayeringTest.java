package io.siplane.sip.transaction;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE.md: layers are packages and dependencies point one way; the transaction layer is pure (no Netty, no I/O). */
class TransactionLayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siplane.sip.transaction");

    @Test
    void transactionLayerDependsOnlyOnTheMessageModelAndTheJdk() {
        noClasses()
                .that()
                .resideInAPackage("io.siplane.sip.transaction..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.netty..",
                        "io.siplane.sip.parse..",
                        "io.siplane.sip.codec..",
                        "io.siplane.sip.transport..",
                        "io.siplane.sip.dialog..",
                        "io.siplane.sip.services..")
                .check(MAIN);
    }
}
