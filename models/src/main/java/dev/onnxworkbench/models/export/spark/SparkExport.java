package dev.onnxworkbench.models.export.spark;

import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.ColumnMapping;
import dev.onnxworkbench.models.batch.ColumnType;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * {@code export spark}: a folder a cluster user submits as it is. It holds the job jar (the project's
 * {@code models} code with the job class), the jars the cluster lacks (ONNX Runtime, a JDBC driver when
 * the job reads or writes a database), the model, {@code job.json}, {@code submit.sh} and a README. Spark
 * itself, Scala, Jackson and protobuf come from the cluster. The jars are taken from the running
 * application's own class path: no build tool at the user's site.
 */
public final class SparkExport {
    public static final String JOB_JAR = "onnx-workbench-spark-job.jar";
    /** The job's main class, by name: loading it needs Spark, which the app does not have. */
    static final String JOB_CLASS = "dev.onnxworkbench.models.export.spark.SparkPredictJob";
    /** Java options for driver and executors: Spark's own module opens on Java 17+ and ORT's native access. */
    static final String JAVA_OPTIONS = String.join(" ", "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true", "--enable-native-access=ALL-UNNAMED");

    private SparkExport() {
    }

    /** What was written. */
    public record Result(Path dir, Path jobJar, List<Path> jars, Path model, Path job, Path submit, Path readme) {
    }

    public static Result export(SessionFactory sessions, Path model, SparkJobSpec spec, Path out)
            throws WorkbenchException {
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException("The model file " + model + " does not exist.");
        }
        List<String> inputs = new ArrayList<>();
        List<String> outputs;
        // The job must be able to run: the model loads, its inputs fill from columns, its outputs have columns.
        // The encoders' categories travel in job.json: the cluster's protobuf may not read the model file.
        Map<String, List<String>> categories = ColumnMapping.categoriesOf(model);
        try (ModelSession session = sessions.open(model, ExecutorSessions.settings(spec.threads()))) {
            ColumnMapping mapping = ColumnMapping.resolve(session.inputs(), categories, List.of(), spec.mapping(),
                    spec.shapes());
            BatchPredictor predictor = new BatchPredictor(session, mapping, spec.batch());
            for (ColumnMapping.Binding b : mapping.bindings()) {
                inputs.add(b.input() + " (" + b.type().displayName() + " " + b.shapeText() + ") <- column "
                        + b.column());
            }
            List<String> columns = predictor.outputColumns();
            List<ColumnType> types = predictor.outputTypes();
            outputs = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                outputs.add(columns.get(i) + " (" + SparkColumnTypes.of(types.get(i)) + ")");
            }
        }
        try {
            Files.createDirectories(out.resolve("jars"));
            String modelName = model.getFileName().toString();
            Path modelCopy = place(model, out.resolve(modelName));
            SparkJobSpec shipped = spec.withModel(modelName).withCategories(categories);
            Path job = Files.writeString(out.resolve("job.json"), shipped.toJson());
            Path jobJar = jobJar(out.resolve(JOB_JAR));
            List<Path> jars = new ArrayList<>();
            jars.add(placeIn(jarOf("ai.onnxruntime.OrtSession"), out.resolve("jars")));
            for (SparkJobSpec.Endpoint e : List.of(spec.source(), spec.sink())) {
                String driver = jdbcDriver(e);
                if (driver != null) {
                    Path jar = placeIn(jarOf(driver), out.resolve("jars"));
                    if (!jars.contains(jar)) {
                        jars.add(jar);
                    }
                }
            }
            Path submit = out.resolve("submit.sh");
            Files.writeString(submit, submitScript(modelName, jars.stream().map(j -> "jars/" + j.getFileName())
                    .toList()));
            try {
                Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException windows) {
                // no execute bit to set
            }
            Path readme = Files.writeString(out.resolve("README.md"), SparkReadme.text(modelName, shipped, inputs,
                    outputs, jars.stream().map(j -> j.getFileName().toString()).toList()));
            return new Result(out, jobJar, jars, modelCopy, job, submit, readme);
        } catch (IOException e) {
            throw new WorkbenchException("Could not write the Spark job to " + out + ": " + IoReasons.of(e), e);
        }
    }

    /** The driver class a JDBC endpoint needs, or null for files. */
    private static String jdbcDriver(SparkJobSpec.Endpoint e) throws WorkbenchException {
        if (e.format() != SparkJobSpec.Format.JDBC) {
            return null;
        }
        String url = e.url().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:sqlite:")) {
            return "org.sqlite.JDBC";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw new WorkbenchException("No JDBC driver for " + e.url() + " ships with ONNX Workbench (SQLite and "
                + "PostgreSQL do); add the cluster's driver with --jars.");
    }

    /** The jar (or classes folder, in a development build) that holds a class of this application. */
    static Path jarOf(String className) throws WorkbenchException {
        try {
            Class<?> c = Class.forName(className, false, SparkExport.class.getClassLoader());
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
            throw new WorkbenchException("The Spark job needs " + className + ", which this installation "
                    + "does not have (" + e.getMessage() + ").", e);
        }
    }

    /**
     * The job jar: the models code as the application runs it. A classes folder (a development build) is
     * packed into a jar; a jar is linked or copied as it is.
     */
    private static Path jobJar(Path target) throws IOException, WorkbenchException {
        Path code = jarOf(SparkExport.class.getName()); // the job class lives in the same jar
        Files.deleteIfExists(target);
        if (Files.isRegularFile(code)) {
            return place(code, target);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JOB_CLASS);
        try (OutputStream file = Files.newOutputStream(target);
             JarOutputStream jar = new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(code)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = code.relativize(f).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(name));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
        return target;
    }

    private static Path placeIn(Path from, Path dir) throws IOException {
        return place(from, dir.resolve(from.getFileName()));
    }

    /** A hard link where the file system allows (the ONNX Runtime jar is large), else a copy. */
    private static Path place(Path from, Path to) throws IOException {
        if (from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
            return to;
        }
        Files.deleteIfExists(to);
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            if (e instanceof FileAlreadyExistsException) {
                throw (IOException) e;
            }
            Files.copy(from, to);
        }
        return to;
    }

    static String submitScript(String modelName, List<String> jars) {
        return """
                #!/bin/sh
                # Submits the ONNX Workbench prediction job written by 'onnx-workbench export spark'.
                #   MASTER        where it runs: local[*] (default), spark://HOST:7077, yarn, k8s://https://HOST:443
                #   SPARK_SUBMIT  the spark-submit to use (default: $SPARK_HOME/bin/spark-submit, else spark-submit)
                #   JAVA_OPTIONS  extra JVM options for the driver and the executors
                # Any arguments are passed to spark-submit before the job jar (e.g. --executor-memory 4g).
                set -e
                cd "$(dirname "$0")"
                if [ -z "$SPARK_SUBMIT" ]; then
                  if [ -n "$SPARK_HOME" ]; then SPARK_SUBMIT="$SPARK_HOME/bin/spark-submit"; else SPARK_SUBMIT=spark-submit; fi
                fi
                # Spark's module opens on Java 17+ and native access for ONNX Runtime (Java 22+).
                OPTS="%s $JAVA_OPTIONS"
                # One ONNX Runtime thread per task: Spark runs one task per executor core.
                exec $SPARK_SUBMIT \\
                  --master "${MASTER:-local[*]}" \\
                  --name "onnx-workbench predict %s" \\
                  --class %s \\
                  --jars %s \\
                  --files %s,job.json \\
                  --conf spark.task.cpus=1 \\
                  --conf "spark.driver.extraJavaOptions=$OPTS" \\
                  --conf "spark.executor.extraJavaOptions=$OPTS" \\
                  "$@" \\
                  %s job.json
                """.formatted(JAVA_OPTIONS, modelName, JOB_CLASS, String.join(",", jars),
                modelName, JOB_JAR);
    }
}
