package dev.onnxworkbench.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.serve.ModelServer;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Run ▸ Serve… headless on the tabular sample, over real HTTP on 127.0.0.1. */
class ServeViewTest {
    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppServices services;
    private Scene scene;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() {
        services = dev.onnxworkbench.app.TestServices.create(tmp.resolve("data"));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        services.close();
    }

    /** What the Predict form would hand over for one person: its input set, typed as a user types it. */
    static dev.onnxworkbench.app.predict.FormInputs formValues(Path model) {
        return () -> () -> InputSet.builder(new OnnxReader().read(model)).defaultBatch(1)
                .source("age", new InputSource.Typed("42"))
                .source("sex", new InputSource.Typed("female"))
                .source("weight_kg", new InputSource.Typed("68.5"))
                .source("daily_kcal", new InputSource.Typed("2300"))
                .source("activity_level", new InputSource.Typed("moderate"))
                .source("sleep_quality", new InputSource.Typed("good")).build();
    }

    @Test
    void startServeFromTheSnippetWatchTheRateAndStop() throws Exception {
        Path model = SampleModels.weightChange(tmp.resolve("models"));
        ServeView[] holder = new ServeView[1];
        interact(() -> {
            ServeView view = new ServeView(new ServeViewModel(services.tasks(), TestSessions::factory,
                    formValues(model)));
            holder[0] = view;
            show(view, 1100, 720, WorkbenchTheme.LIGHT);
            view.showModel(model);
        });
        ServeView view = holder[0];
        interact(() -> {
            view.portSpinnerForTests().getValueFactory().setValue(0); // any free port
            view.startButton().fire();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.serverProperty().get() != null);
        ModelServer server = view.serverProperty().get();
        assertThat(server.url()).startsWith("http://127.0.0.1:");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.curlSnippet().getText().contains(server.url()));
        String curl = view.curlSnippet().getText();
        assertThat(curl).contains("curl -s -X POST " + server.inferUrl()).contains("\"sex\"").contains("female");
        assertThat(view.inputsLabel().getText()).as("the snippets say which inputs they carry")
                .startsWith("Snippets carry the Predict form's inputs: age float32[1,1] typed: 42");
        assertThat(view.pythonSnippet().getText()).contains("import requests").contains("requests.post(\""
                + server.inferUrl()).contains("\"datatype\": \"BYTES\"");

        // The body in the curl snippet is a request the server answers.
        String body = curl.substring(curl.indexOf("-d '") + 4, curl.lastIndexOf('\''));
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.inferUrl()))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"id\":\"workbench-1\"").contains(SampleModels.WEIGHT_CHANGE_OUTPUT);
        }
        // Where python3 with requests and curl are installed, the snippets themselves run (52 requests then).
        int extra = 0;
        if (works("python3", "-c", "import requests")) {
            Path script = Files.writeString(tmp.resolve("client.py"), view.pythonSnippet().getText());
            assertThat(run("python3", script.toString())).contains(SampleModels.WEIGHT_CHANGE_OUTPUT);
            extra++;
        }
        if (works("curl", "--version")) {
            assertThat(run("bash", "-c", curl)).contains("\"id\":\"workbench-1\"");
            extra++;
        }
        int expected = 50 + extra;
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.totalsForTests().getText()
                .startsWith(expected + " requests"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.logForTests().getItems().size() >= 50);
        screenshot("serve");
        interact(() -> scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(),
                WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("serve-dark");

        interact(view::stop);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !view.startButton().isDisabled());
        assertThat(view.serverProperty().get()).isNull();
        assertThat(view.statusLabel().getText()).isEqualTo("Stopped.");
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    private void show(Parent view, int width, int height, WorkbenchTheme theme) {
        // Not in a window (the headless screen is 1000×1000): laid out and drawn by snapshots.
        scene = new Scene(view, width, height);
        scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
        view.applyCss();
        view.layout();
    }

    private void interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
    }
}
