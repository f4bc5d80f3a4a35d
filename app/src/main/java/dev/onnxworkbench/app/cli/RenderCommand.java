package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.diagram.ModelDiagrams;
import dev.onnxworkbench.graphview.LayoutDirection;
import dev.onnxworkbench.graphview.Theme;
import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.layout.LayeredLayout;
import dev.onnxworkbench.graphview.render.DiagramExporter;
import dev.onnxworkbench.graphview.render.PagedPng;
import dev.onnxworkbench.models.IoReasons;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.ops.OperatorCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code render MODEL --out F.png|F.svg [--theme light|dark] [--direction down|right]}: draws the
 * top-level graph the way the window does (same mapping, same drawing), without a display. A graph too
 * tall (or wide) for readable text in one PNG is written as pages {@code F-1.png, F-2.png, …}; each
 * file written is named on stdout ({@code wrote F}).
 */
@Command(name = "render", mixinStandardHelpOptions = true, description = "Draw a model's top-level graph to PNG or SVG, headless.")
final class RenderCommand implements Callable<Integer> {

    enum ThemeName { light, dark }

    enum DirectionName { down, right }

    @Parameters(index = "0", paramLabel = "MODEL", description = "The ONNX model file.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file; .png or .svg.")
    Path out;

    @Option(names = "--theme", defaultValue = "light", paramLabel = "light|dark", description = "Colours (default: light).")
    ThemeName theme;

    @Option(names = "--direction", defaultValue = "down", paramLabel = "down|right",
            description = "Layout direction: top to bottom (default) or left to right.")
    DirectionName direction;

    @Option(names = "--no-attributes", description = "Leave attribute rows out of the boxes.")
    boolean noAttributes;

    @Option(names = "--no-shapes", description = "Leave tensor shapes off the edges.")
    boolean noShapes;

    @Option(names = "--names", description = "Show node names under the operator type.")
    boolean names;

    @Option(names = "--single", description = "One PNG even when its text would be too small to read "
            + "(by default a tall graph is written as pages FILE-1.png, FILE-2.png, ...).")
    boolean single;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String file = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = file.endsWith(".svg");
        if (!svg && !file.endsWith(".png")) {
            throw new OptionValueException("--out must end in .png or .svg (got " + out + ").");
        }
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new WorkbenchException("The folder " + folder + " does not exist; create it or choose another --out.");
        }
        Model m = new OnnxReader().read(model);
        DiagramOptions options = new DiagramOptions(!noAttributes, !noShapes, names);
        MappedGraph mapped = ModelDiagrams.topLevel(m, OperatorCatalog.loadBundled(), options);
        Theme t = theme == ThemeName.dark ? Theme.DARK : Theme.LIGHT;
        LayoutDirection d = direction == DirectionName.right ? LayoutDirection.LEFT_TO_RIGHT : LayoutDirection.TOP_TO_BOTTOM;
        try {
            PagedPng.ensureFxStarted();
            DiagramLayout layout = LayeredLayout.compute(mapped.diagram(), d);
            List<Path> written;
            if (svg) {
                DiagramExporter.writeSvg(layout, t, out);
                written = List.of(out);
            } else if (!single && PagedPng.needsPages(layout)) {
                written = PagedPng.write(layout, t, out);
            } else {
                DiagramExporter.writePng(layout, t, out);
                written = List.of(out);
            }
            for (Path page : written) {
                spec.commandLine().getOut().println("wrote " + page);
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not write " + out + ": " + IoReasons.of(e), e);
        }
        return 0;
    }
}
