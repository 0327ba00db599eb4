package io.siplane.sip.dialog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dialog layer is pure logic over the message model: no Netty, transport or transaction types. */
class DialogLayeringTest {
    @Test
    void dialogDependsOnlyOnTheMessageModelAndTheJdk() {
        JavaClasses dialog = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.siplane.sip.dialog");

        classes()
                .that()
                .resideInAPackage("io.siplane.sip.dialog..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.siplane.sip.message..", "io.siplane.sip.dialog..")
                .check(dialog);
    }
}
