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
                .because("the graph control draws any diagram; ONNX and the window are its users, not its parts")
                .allowEmptyShould(true)
                .check(ALL);
    }

    @Test
    void modelsDoesNotSeeAppGraphviewOrJavaFx() {
        noClasses().that().resideInAPackage("dev.onnxworkbench.models..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.onnxworkbench.app..", "dev.onnxworkbench.graphview..", "javafx..")
                .because("the domain runs headless in the CLI and on servers, where there is no toolkit")
                .check(ALL);
    }

    @Test
    void diagramMappingHasNoJavaFx() {
        noClasses().that().resideInAPackage("dev.onnxworkbench.app.diagram..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("render and the tests map graphs without starting JavaFX")
                .check(ALL);
    }

    @Test
    void commandLineDoesNotReachIntoTheWindow() {
        noClasses().that().resideInAPackage("dev.onnxworkbench.app.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.onnxworkbench.app.properties..",
                        "dev.onnxworkbench.app.predict..", "dev.onnxworkbench.app.compare..")
                .because("every verb must work without a window; shared logic belongs in models")
                .check(ALL);
    }

    /**
     * Views deliver background work through app/task (BackgroundTask, TaskSlot): superseded results are dropped
     * there, callbacks that throw are reported, the status bar lists the work, and a ViewModel tests without a
     * toolkit.
     */
    @Test
    void onlyTheTaskHelperTouchesJavaFxThreads() {
        noClasses().that().resideInAPackage("dev.onnxworkbench.app..")
                .and().resideOutsideOfPackage("dev.onnxworkbench.app.task..")
                .should().dependOnClassesThat().resideInAPackage("javafx.concurrent..")
                .orShould().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .because("background work goes through app/task: it drops superseded results, surfaces a crashing "
                        + "callback, shows the work in the status bar and lets ViewModels be tested without JavaFX")
                .check(ALL);
    }
}
