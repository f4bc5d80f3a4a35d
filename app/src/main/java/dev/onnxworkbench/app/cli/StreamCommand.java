package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.stream.StreamPlan;
import dev.onnxworkbench.models.runtime.stream.StreamResult;
import dev.onnxworkbench.models.runtime.stream.StreamTable;
import dev.onnxworkbench.models.runtime.stream.StreamingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run MODEL --window INPUT=N[:HOP] [--carry OUT=IN]}: a streaming run, one row per window (README "Streaming"). */
final class StreamCommand {
    private final CommandSpec spec;
    private final Path model;
    private final InputOptions inputs;
    private final String window;
    private final List<String> carry;
    private final Path csv;
    private final int maxValues;
    private final boolean json;

    StreamCommand(CommandSpec spec, Path model, InputOptions inputs, String window, List<String> carry, Path csv,
                  int maxValues, boolean json) {
        this.spec = spec;
        this.model = model;
        this.inputs = inputs;
        this.window = window;
        this.carry = carry;
        this.csv = csv;
        this.maxValues = maxValues;
        this.json = json;
    }

    int run(SessionFactory factory, ProviderSettings settings, Model parsed) throws WorkbenchException {
        StreamPlan plan = StreamPlan.parse(window, carry);
        inputs.streamWith(plan);
        InputSet set = inputs.inputSet(model, parsed, null, null);
        InputOptions.StreamSignal signal = inputs.streamed();
        StreamResult result;
        try (ModelSession session = factory.open(model, settings)) {
            result = StreamingRun.run(session::run, set.values(), signal.whole(), plan, signal.sampleRate(), maxValues,
                    null);
        }
        if (csv != null) {
            StreamTable.writeCsv(csv, result);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("model", model.toString());
            root.put("provider", settings.provider().displayName());
            InputOptions.putJson(root, set);
            StreamTable.putJson(root, result);
            try {
                out.println(new ObjectMapper().writeValueAsString(root));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.printf(Locale.ROOT, "%s on %s: %d windows over %s (%s)%s; run %.1f ms in all%n", model.getFileName(),
                    settings.provider().displayName(), result.rows().size(), signal.description().replaceFirst("^from ", ""), plan.describe(),
                    result.padding().isEmpty() ? "" : ", " + result.padding(), result.runMillis());
            for (InputDescription d : set.describe()) {
                out.println("input  " + d);
            }
            StreamTable.printText(out, result);
            if (csv != null) {
                out.println("rows written to " + csv);
            }
        }
        out.flush();
        return 0;
    }
}
