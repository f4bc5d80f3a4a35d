package dev.onnxworkbench.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The one-way dependency rule seen from the top (app's test classpath holds all three modules):
 * app may use models and graphview; graphview never sees models or app; models never sees JavaFX,
 * graphview or app. Inside app, the ONNX→diagram mapping stays free of JavaFX so it runs anywhere.
 */
class AppArchitectureTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.onnxworkbench");

    @Test
    void graphviewDoesNotSeeModelsOrApp() {
        noClasses().that().resideInAPackage("dev.onnxworkbench.graphview..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.onnxworkbench.models..", "dev.onnxworkbench.app..")
                .allowEmptyShould(true)
                .check(ALL);
    }

    @Test
    void modelsDoesNotSeeAppGraphviewOrJavaFx() {
        noClasses().that().resideInAPackage("dev.onnxworkbench.models..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.onnxworkbench.app..", "dev.onnxworkbench.graphview..", "javafx..")
                .check(ALL);
    }

    @Test
    void diagramMappingHasNoJavaFx() {
        noClasses().that().resideInAPackage("dev.onnxworkbench.app.diagram..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(ALL);
    }

    @Test
    void commandLineDoesNotReachIntoTheWindow() {
        noClasses().that().resideInAPackage("dev.onnxworkbench.app.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.onnxworkbench.app.inspect..",
                        "dev.onnxworkbench.app.predict..", "dev.onnxworkbench.app.compare..")
                .check(ALL);
    }
}
