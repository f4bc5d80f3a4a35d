package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.precision.ModelVerifier;
import dev.onnxworkbench.models.precision.SampleSet;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code convert} and {@code quantize} share: the model, {@code --out}, {@code --latency-runs}, {@code --json},
 * the data sets ({@link PrecisionData}), the INPUTS options with their picture and recording settings, the session
 * options, and the steps both take before and after writing their copy. A failure exits by its class; with
 * {@code --json} {@link UserErrorHandler} prints {@code {"error": {code, message}}}.
 */
abstract class PrecisionVerb implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the float .onnx file (never modified)")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "where to write the copy")
    Path out;

    @Option(names = "--latency-runs", paramLabel = "N", description = "timed runs per model for the latency ratio "
            + "(default 20; 0 skips it)")
    int latencyRuns = 20;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Mixin
    PrecisionData data = new PrecisionData();

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Mixin
    SessionOptions session = new SessionOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The model, read; a missing file is named. */
    Model readModel() throws WorkbenchException {
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException("The model file " + model + " does not exist or is not a file.");
        }
        return new OnnxReader().read(model);
    }

    /** Runs and checks copies with the session options ({@code --provider}, {@code --option}, {@code --config}). */
    ModelVerifier verifier(ProviderSettings settings) {
        return new ModelVerifier(SessionFactory.withDefaults(), settings);
    }

    /** {@code --evaluate}, or else the INPUTS options' values (random, seed 1, unless given) as one sample. */
    SampleSet evaluation(Model parsed, String hint) throws WorkbenchException {
        SampleSet evaluation = data.evaluation(parsed, inputOptions);
        if (evaluation != null) {
            return evaluation;
        }
        InputSet given = inputOptions.inputSet(model, parsed, 1L, 1L);
        return SampleSet.of(InputSpecs.derive(parsed), List.of(given.values()),
                "the inputs given (" + given.summary() + hint + ")");
    }

    /** Prints the JSON object (with the provider) or the text, then flushes. */
    void print(java.util.function.Supplier<ObjectNode> root, ProviderSettings settings,
               java.util.function.Consumer<PrintWriter> text) {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ObjectNode r = root.get();
            r.put("provider", settings.toString());
            o.println(r.toString());
        } else {
            text.accept(o);
        }
        o.flush();
    }

    /** Notes the preprocessing of a set made (recordings longer than the input), on stderr. */
    void notes(SampleSet set) {
        if (set == null || json) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        set.notes().forEach(n -> err.println("onnx-workbench: " + n));
        err.flush();
    }
}
