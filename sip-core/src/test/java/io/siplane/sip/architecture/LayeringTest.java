package io.siplane.sip.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack's layers are packages whose dependencies point one way (docs/adr/0002):
 * {@code syntax ← uri ← message ← parse ← codec ← transport ← transaction ← dialog}; {@code auth} and
 * {@code sdp} are leaves that other layers may use.
 */
class LayeringTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.siplane.sip");
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("syntax")
                .definedBy("io.siplane.sip.message.syntax..")
                .layer("uri")
                .definedBy("io.siplane.sip.message.uri..")
                .layer("message")
                .definedBy("io.siplane.sip.message")
                .layer("parse")
                .definedBy("io.siplane.sip.parse..")
                .layer("codec")
                .definedBy("io.siplane.sip.codec..")
                .layer("transport")
                .definedBy("io.siplane.sip.transport..")
                .layer("transaction")
                .definedBy("io.siplane.sip.transaction..")
                .layer("dialog")
                .definedBy("io.siplane.sip.dialog..")
                .layer("stack")
                .definedBy("io.siplane.sip.stack..")
                .layer("auth")
                .definedBy("io.siplane.sip.auth..")
                .layer("sdp")
                .definedBy("io.siplane.sip.sdp..")
                .whereLayer("stack")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("dialog")
                .mayOnlyBeAccessedByLayers("stack")
                .whereLayer("transaction")
                .mayOnlyBeAccessedByLayers("dialog", "stack")
                .whereLayer("transport")
                .mayOnlyBeAccessedByLayers("transaction", "dialog", "stack")
                .whereLayer("codec")
                .mayOnlyBeAccessedByLayers("transport", "transaction", "dialog", "stack")
                .whereLayer("parse")
                .mayOnlyBeAccessedByLayers("codec", "transport", "transaction", "dialog", "stack")
                .whereLayer("message")
                .mayOnlyBeAccessedByLayers("parse", "codec", "transport", "transaction", "dialog", "stack", "auth")
                .whereLayer("uri")
                .mayOnlyBeAccessedByLayers(
                        "message", "parse", "codec", "transport", "transaction", "dialog", "stack", "auth")
                .whereLayer("auth")
                .mayOnlyBeAccessedByLayers("dialog", "stack")
                .whereLayer("sdp")
                .mayOnlyBeAccessedByLayers("stack")
                .check(classes);
    }

    @Test
    void theMessageModelDoesNotNeedNetty() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.siplane.sip.message..",
                        "io.siplane.sip.parse..",
                        "io.siplane.sip.auth..",
                        "io.siplane.sip.sdp..",
                        "io.siplane.sip.dialog..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.netty..")
                .because("the model, parser and pure protocol logic must be usable without Netty")
                .check(classes);
    }
}
