package dev.onnxworkbench.models.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain module stays free of UI: models never depends on JavaFX (or on app/graphview). */
class ModelsArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.onnxworkbench.models");

    @Test
    void modelsHasNoJavaFxDependency() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(classes);
    }

    @Test
    void modelsDoesNotDependOnAppOrGraphview() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.onnxworkbench.app..", "dev.onnxworkbench.graphview..").check(classes);
    }

    /**
     * Spark is provided by the cluster, not the app: only the job's own classes (which run inside Spark) may
     * touch it; everything the app calls, the export included, must load without Spark or Scala.
     */
    @Test
    void onlyTheSparkJobItselfDependsOnSpark() {
        java.util.regex.Pattern jobSide = java.util.regex.Pattern.compile("dev\\.onnxworkbench\\.models\\.export\\.spark\\."
                + "(SparkPredictJob|PartitionPredictions|SparkRowReader|SparkRowWriter)(\\$.*)?");
        noClasses().that(com.tngtech.archunit.base.DescribedPredicate.describe("are not the Spark job's own classes",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> !jobSide.matcher(c.getName()).matches()))
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .check(classes);
    }
}
