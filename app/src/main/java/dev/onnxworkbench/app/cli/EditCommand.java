package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.edit.Edit;
import dev.onnxworkbench.models.edit.EditScript;
import dev.onnxworkbench.models.edit.EditSession;
import dev.onnxworkbench.models.edit.EditValidation;
import dev.onnxworkbench.models.edit.EditValidator;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edit MODEL [edits] --out F.onnx}: applies typed edits, validates the result (structure, ONNX
 * Runtime load, and with inputs a re-run against the original) and saves it only when valid or forced.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = "Edit a model (rename, shapes, outputs, delete, attributes, weights, extract, opset), check the "
                + "result in ONNX Runtime and against the original on the given inputs, and save it. Edits run in this "
                + "order: --script, --rename, --set-shape, --set-dim, --set-attr, --replace-weight, --add-output, "
                + "--delete, --extract, --opset, --clean-up; later ones use the names earlier ones gave.")
final class EditCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file (never written unless --out names it and --overwrite is given)")
    Path model;

    @Option(names = "--script", paramLabel = "EDITS.json", description = "edits saved by the window's Edit ▸ Save Edits… (or written by hand)")
    Path script;

    @Option(names = "--rename", paramLabel = "OLD=NEW", description = "rename an input, output or tensor; repeatable")
    List<String> renames = new ArrayList<>();

    @Option(names = "--set-shape", paramLabel = "INPUT=D0,D1,…", description = "an input's shape: numbers are static, names "
            + "dynamic, ? unknown (x=1,3,640,640 or x=N,3,H,W); repeatable")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--set-dim", paramLabel = "INPUT:AXIS=D", description = "one dimension of an input made static (a number) "
            + "or dynamic (a name or ?), e.g. input:0=1; repeatable")
    List<String> dimensions = new ArrayList<>();

    @Option(names = "--set-attr", paramLabel = "NODE.ATTR=VALUE", description = "a node attribute (3, 0.5, text, 1,2,3); repeatable")
    List<String> attributes = new ArrayList<>();

    @Option(names = "--replace-weight", paramLabel = "NAME=FILE.npy", description = "an initializer or Constant tensor's values, "
            + "same type and shape; repeatable")
    List<String> weights = new ArrayList<>();

    @Option(names = "--add-output", paramLabel = "TENSOR", description = "make a tensor a model output; repeatable")
    List<String> addOutputs = new ArrayList<>();

    @Option(names = "--delete", paramLabel = "NODE", description = "delete a node (by name or output) and what only it used; repeatable")
    List<String> deletions = new ArrayList<>();

    @Option(names = "--extract", paramLabel = "IN1,IN2:OUT1,OUT2", description = "keep only what computes the outputs from the inputs")
    String extract;

    @Option(names = "--opset", paramLabel = "N", description = "convert the ai.onnx opset to N, operator by operator")
    Integer opset;

    @Option(names = "--clean-up", description = "remove dead nodes and unused initializers, sort the nodes topologically")
    boolean cleanUp;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "where to save the edited model")
    Path out;

    @Option(names = "--overwrite", description = "allow --out to replace an existing file (the model itself included)")
    boolean overwrite;

    @Option(names = "--force", description = "save even when validation finds the edited model invalid or broken")
    boolean force;

    @Option(names = "--check-with", paramLabel = "NAME=FILE", description = "an input value for the re-run check (same as --input); repeatable")
    List<String> checkWith = new ArrayList<>();

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--json", description = "print one JSON object (a failure is {\"error\": {\"code\", \"message\"}})")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter o = spec.commandLine().getOut();
        try {
            return run(o);
        } catch (EditFailure f) {
            return fail(o, f.errorClass(), f.code, f.getMessage());
        } catch (dev.onnxworkbench.models.edit.EditException | dev.onnxworkbench.models.rewrite.RewriteException e) {
            return fail(o, ErrorClass.BAD_INPUT, "badEdit", e.getMessage());
        } // anything else (unreadable model, bad input values, ONNX Runtime) exits by its class, as every verb does
    }

    /** Exits by the common class of the failure (as every verb does); {@code reason} says which edit check refused. */
    private int fail(PrintWriter o, ErrorClass errorClass, String reason, String message) {
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.putObject("error").put("code", errorClass.code).put("reason", reason).put("message", message);
            o.println(root);
            o.flush();
        }
        spec.commandLine().getErr().println("onnx-workbench: " + message);
        return errorClass.exitCode;
    }

    private int run(PrintWriter o) throws WorkbenchException {
        if (!Files.isRegularFile(model)) {
            throw new EditFailure("noModel", "The model file " + model + " does not exist or is not a file.");
        }
        boolean overOriginal = Files.exists(out) && isSame(out, model);
        if (overOriginal && !overwrite) {
            throw new EditFailure("wouldOverwrite", "--out " + out + " is the model itself; choose another file, or add "
                    + "--overwrite to replace it.");
        }
        if (!overOriginal && Files.exists(out) && !overwrite) {
            throw new EditFailure("wouldOverwrite", "--out " + out + " exists; choose another file, or add --overwrite.");
        }
        if (Files.isDirectory(out)) {
            throw new EditFailure("badOut", "--out " + out + " is a folder; give a file name such as model.edited.onnx.");
        }
        List<Edit> edits = edits();
        if (edits.isEmpty()) {
            throw new EditFailure("noEdits", "No edits given; use --rename, --set-shape, --add-output, --delete, --set-attr, "
                    + "--replace-weight, --extract, --opset, --clean-up or --script.");
        }
        EditSession session = EditSession.open(model);
        for (Edit edit : edits) {
            try {
                session.apply(edit);
            } catch (WorkbenchException e) {
                throw new EditFailure("badEdit", EditSession.refusal(edit, e));
            }
        }
        Model parsed = new OnnxReader().read(model);
        inputOptions.inputs.addAll(checkWith);
        boolean wantsRun = inputsGiven();
        for (Edit e : edits) { // a static shape set by the edit sizes the check's input too, unless --shape says otherwise
            if (wantsRun && e instanceof Edit.SetInputShape s && s.dims().stream().allMatch(d -> d.matches("\\d+"))
                    && inputOptions.shapes.stream().noneMatch(x -> x.startsWith(s.input() + "="))) {
                inputOptions.shapes.add(s.input() + "=" + String.join(",", s.dims()));
            }
        }
        InputSet inputs = wantsRun ? inputOptions.inputSet(model, parsed, null, null) : null;
        EditValidation validation = new EditValidator(SessionFactory.withDefaults(), ProviderSettings.cpu())
                .validate(session, inputs == null ? null : inputs.values(), inputs == null ? "" : inputs.summary());
        boolean save = validation.valid() || force;
        Path saved = null;
        if (save) {
            saved = overOriginal ? session.saveOverOriginal() : session.save(out);
        }
        if (json) {
            o.println(json(session, validation, saved));
        } else {
            for (Edit e : session.pending()) {
                o.println("edit: " + e.describe());
            }
            o.println((validation.valid() ? "valid: " : "INVALID: ") + validation.message());
            validation.problems().stream().skip(1).forEach(p -> o.println("  also: " + p));
            o.println(saved != null ? "saved " + saved + (validation.valid() ? "" : " (forced although invalid)")
                    : "not saved: the edited model is invalid; fix the edits, or add --force to save it anyway");
        }
        o.flush();
        if (saved == null) {
            spec.commandLine().getErr().println("onnx-workbench: not saved: " + validation.message());
            return 1;
        }
        return 0;
    }

    private boolean inputsGiven() {
        return !inputOptions.inputs.isEmpty() || inputOptions.randomSeed != null || !inputOptions.shapes.isEmpty()
                || !inputOptions.dims.isEmpty() || inputOptions.testData() != null;
    }

    private List<Edit> edits() throws WorkbenchException {
        List<Edit> edits = new ArrayList<>();
        if (script != null) {
            if (!Files.isRegularFile(script)) {
                throw new EditFailure("badScript", "The edit script " + script + " does not exist or is not a file.");
            }
            edits.addAll(EditScript.read(script));
        }
        for (String r : renames) {
            String[] kv = pair(r, "--rename", "OLD=NEW");
            edits.add(new Edit.Rename(kv[0], kv[1]));
        }
        for (String s : shapes) {
            String[] kv = pair(s, "--set-shape", "INPUT=D0,D1,…");
            edits.add(new Edit.SetInputShape(kv[0], Arrays.stream(kv[1].split(",")).map(String::strip).toList()));
        }
        for (String d : dimensions) {
            String[] kv = pair(d, "--set-dim", "INPUT:AXIS=D");
            int colon = kv[0].lastIndexOf(':');
            if (colon < 0 || !kv[0].substring(colon + 1).matches("\\d+")) {
                throw new EditFailure("badOption", "--set-dim " + d + ": write INPUT:AXIS=D, e.g. input:0=1.");
            }
            edits.add(new Edit.SetDimension(kv[0].substring(0, colon), Integer.parseInt(kv[0].substring(colon + 1)), kv[1]));
        }
        for (String a : attributes) {
            String[] kv = pair(a, "--set-attr", "NODE.ATTR=VALUE");
            int dot = kv[0].lastIndexOf('.');
            if (dot <= 0 || dot == kv[0].length() - 1) {
                throw new EditFailure("badOption", "--set-attr " + a + ": write NODE.ATTR=VALUE, e.g. conv1.strides=2,2.");
            }
            edits.add(new Edit.SetAttribute(kv[0].substring(0, dot), kv[0].substring(dot + 1), kv[1]));
        }
        for (String w : weights) {
            String[] kv = pair(w, "--replace-weight", "NAME=FILE.npy");
            edits.add(new Edit.ReplaceTensor(kv[0], Path.of(kv[1])));
        }
        addOutputs.forEach(t -> edits.add(new Edit.AddOutput(t)));
        deletions.forEach(n -> edits.add(new Edit.DeleteNode(n)));
        if (extract != null) {
            String[] io = extract.split(":", -1);
            if (io.length != 2 || io[1].isBlank()) {
                throw new EditFailure("badOption", "--extract " + extract + ": write IN1,IN2:OUT1,OUT2.");
            }
            edits.add(new Edit.Extract(names(io[0]), names(io[1])));
        }
        if (opset != null) {
            edits.add(new Edit.ConvertOpset(opset));
        }
        if (cleanUp) {
            edits.add(new Edit.CleanUp());
        }
        return edits;
    }

    private static List<String> names(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String[] pair(String option, String flag, String form) throws EditFailure {
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new EditFailure("badOption", flag + " " + option + ": write " + form + ".");
        }
        return new String[] {option.substring(0, eq).strip(), option.substring(eq + 1).strip()};
    }

    private static boolean isSame(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private String json(EditSession session, EditValidation v, Path saved) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", model.toString());
        root.put("out", out.toString());
        root.put("saved", saved != null);
        ArrayNode edits = root.putArray("edits");
        session.pending().forEach(e -> edits.add(e.describe()));
        ObjectNode val = root.putObject("validation");
        val.put("valid", v.valid());
        val.put("verdict", switch (v.verdict()) {
            case IDENTICAL -> "identical";
            case CHANGED_AS_INTENDED -> "changedAsIntended";
            case BROKEN -> "broken";
            case NOT_RUN -> "notRun";
        });
        val.put("message", v.message());
        ArrayNode problems = val.putArray("problems");
        v.problems().forEach(problems::add);
        val.put("loadError", v.loadError());
        val.put("inputs", v.inputs());
        ArrayNode outputs = val.putArray("outputs");
        for (EditValidation.OutputCheck c : v.outputs()) {
            outputs.addObject().put("name", c.name()).put("nameNow", c.nameNow()).put("maxAbsError", c.maxAbsError())
                    .put("agrees", c.agrees());
        }
        val.put("firstDifferent", v.firstDifferent());
        return root.toString();
    }

    /** A refusal with its JSON reason; its exit class follows from the reason. */
    private static final class EditFailure extends WorkbenchException {
        final String code;

        EditFailure(String code, String message) {
            super(message);
            this.code = code;
        }

        ErrorClass errorClass() {
            return switch (code) {
                case "noModel" -> ErrorClass.MODEL_UNREADABLE;
                case "badEdit", "badScript" -> ErrorClass.BAD_INPUT;
                default -> ErrorClass.USAGE; // wouldOverwrite, badOut, noEdits, badOption: the command line itself
            };
        }
    }
}
