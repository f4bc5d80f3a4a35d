package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.export.KServeExport;
import dev.onnxworkbench.models.export.TritonExport;
import dev.onnxworkbench.models.export.TritonOptions;
import dev.onnxworkbench.models.export.spark.SparkExport;
import dev.onnxworkbench.models.export.spark.SparkJobSpec;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code export triton|kserve MODEL --out DIR}: deployable layouts for existing serving engines. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a deployable copy of a model for a serving engine.",
        subcommands = {ExportCommand.Triton.class, ExportCommand.KServe.class, ExportCommand.Spark.class})
final class ExportCommand {

    /** Options both targets share. */
    static final class TritonArgs {
        @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
        Path model;

        @Option(names = "--name", paramLabel = "N", description = "the model's name (default: the file name)")
        String name;

        @Option(names = "--max-batch", paramLabel = "B",
                description = "Triton's max_batch_size (default: 8 when every input and output has a variable "
                        + "first dimension, else 0)")
        Integer maxBatch;

        @Option(names = "--instances", paramLabel = "K", defaultValue = "1",
                description = "model instances (default: ${DEFAULT-VALUE})")
        int instances;

        @Option(names = "--gpu", description = "run the instances on the GPU (KIND_GPU)")
        boolean gpu;

        @Option(names = "--tensorrt", description = "ONNX Runtime's TensorRT accelerator (implies --gpu)")
        boolean tensorrt;

        @Option(names = "--fp16", description = "with --tensorrt: FP16 precision")
        boolean fp16;

        TritonOptions options() throws WorkbenchException {
            if (instances < 1) {
                throw new OptionValueException("--instances must be 1 or more, not " + instances + ".");
            }
            return new TritonOptions(name, maxBatch, instances, gpu, tensorrt, fp16);
        }
    }

    @Command(name = "triton", mixinStandardHelpOptions = true,
            description = "Write REPO/NAME/config.pbtxt and REPO/NAME/1/model.onnx (with external data) for "
                    + "Triton: tritonserver --model-repository=REPO")
    static final class Triton implements Callable<Integer> {
        @Mixin
        TritonArgs args;

        @Option(names = "--out", paramLabel = "REPO", required = true, description = "the model repository folder")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws WorkbenchException {
            TritonExport.Result r = TritonExport.export(args.model, out, args.options());
            PrintWriter err = spec.commandLine().getErr();
            r.warnings().forEach(w -> err.println("onnx-workbench: warning: " + w));
            PrintWriter o = spec.commandLine().getOut();
            o.println("Wrote " + r.config() + " and " + r.modelFile()
                    + (r.dataFiles().isEmpty() ? "" : " with " + r.dataFiles().size() + " external data file(s)")
                    + " (max_batch_size " + r.maxBatch() + ").");
            o.println("Serve it with: tritonserver --model-repository=" + out.toAbsolutePath());
            o.flush();
            return 0;
        }
    }

    @Command(name = "kserve", mixinStandardHelpOptions = true,
            description = "Write DIR/inferenceservice.yaml (KServe v1beta1, model format onnx) and the Triton "
                    + "repository it loads (DIR/model-repository); edit storageUri after uploading it.")
    static final class KServe implements Callable<Integer> {
        @Mixin
        TritonArgs args;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the output folder")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws WorkbenchException {
            KServeExport.Result r = KServeExport.export(args.model, out, args.options());
            PrintWriter err = spec.commandLine().getErr();
            r.triton().warnings().forEach(w -> err.println("onnx-workbench: warning: " + w));
            PrintWriter o = spec.commandLine().getOut();
            o.println("Wrote " + r.manifest() + " and the model repository " + r.repository() + ".");
            o.println("Upload " + r.repository() + ", set storageUri in the manifest to it, then: kubectl apply -f "
                    + r.manifest());
            o.flush();
            return 0;
        }
    }

    @Command(name = "spark", mixinStandardHelpOptions = true,
            description = "Write DIR: a ready-to-submit Apache Spark 4.2 job that runs predict-batch's code on every "
                    + "partition (same column mapping, value parsing and error reasons; ONNX Runtime per executor), "
                    + "reading and writing the job's source and sink through Spark: the job jar, jars/ (ONNX "
                    + "Runtime, JDBC drivers), the model, job.json, submit.sh and README.md.")
    static final class Spark implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
        Path model;

        @Option(names = "--job", paramLabel = "JOB.json", required = true,
                description = "source, sink, batch and threads: {\"source\": {\"path\": \"rows.csv\"}, "
                        + "\"sink\": {\"path\": \"preds.parquet\"}}; format csv|jsonl|parquet|jdbc (url + table|query)")
        Path job;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the output folder")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws WorkbenchException {
            SparkJobSpec jobSpec = SparkJobSpec.read(job);
            SparkExport.Result r = SparkExport.export(SessionFactory.withDefaults(), model, jobSpec, out);
            PrintWriter o = spec.commandLine().getOut();
            o.println("Wrote " + r.jobJar() + ", " + r.jars().size() + " jar(s) in " + out.resolve("jars") + ", "
                    + r.model().getFileName() + ", " + r.job().getFileName() + ", " + r.submit().getFileName()
                    + " and " + r.readme().getFileName() + ".");
            o.println("Submit it with: MASTER=spark://HOST:7077 " + r.submit().toAbsolutePath()
                    + "   (MASTER defaults to local[*])");
            o.flush();
            return 0;
        }
    }
}
