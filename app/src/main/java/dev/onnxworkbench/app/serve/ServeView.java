package dev.onnxworkbench.app.serve;

import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.serve.ModelServer;
import dev.onnxworkbench.models.serve.ServerMetrics;
import dev.onnxworkbench.models.serve.ServerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/**
 * Run ▸ Serve…: the open model behind a local v2 (KServe) endpoint. Start and stop, the URL, requests per
 * second and mean latency over the last second (a chart of the last minute), the access log, and curl and
 * Python snippets with the Predict form's input set (the header names them). The work and its state live in
 * {@link ServeViewModel}; the FX thread only reads lock-free counters once a second.
 */
public final class ServeView extends BorderPane {
    private static final int LOG_LINES = 500;
    private static final int CHART_SECONDS = 60;

    private final ServeViewModel vm;
    private final TextField name = new TextField();
    private final ChoiceBox<String> host = new ChoiceBox<>();
    private final Spinner<Integer> port = new Spinner<>(0, 65_535, ServerOptions.DEFAULT_PORT);
    private final ChoiceBox<String> provider = new ChoiceBox<>();
    private final TextField token = new TextField();
    private final Button start = new Button("Start");
    private final Button stop = new Button("Stop");
    private final Label status = new Label("Not serving.");
    private final TextField url = new TextField();
    private final Label rate = new Label("– requests/s");
    private final Label latency = new Label("– ms mean latency");
    private final Label totals = new Label("0 requests, 0 errors");
    private final XYChart.Series<Number, Number> rateSeries = new XYChart.Series<>();
    private final ListView<String> log = new ListView<>();
    private final TextArea curl = new TextArea();
    private final TextArea python = new TextArea();
    private final Button refreshSnippets = new Button("Use Predict Form's Inputs");
    private final Button saveBody = new Button("Save request.json…");
    private final Label inputs = new Label();
    private final Timeline ticker;
    private ServerMetrics.Snapshot last;
    private long tick;

    public ServeView(ServeViewModel vm) {
        this.vm = vm;
        getStyleClass().add("serve-view");
        getStylesheets().add(ServeView.class.getResource("serve.css").toExternalForm());
        host.getItems().setAll(ServerOptions.DEFAULT_HOST, "0.0.0.0");
        host.setValue(ServerOptions.DEFAULT_HOST);
        for (ExecutionProvider p : ExecutionProvider.values()) {
            provider.getItems().add(p.displayName());
        }
        provider.setValue(ExecutionProvider.CPU.displayName());
        port.setEditable(true);
        port.setPrefWidth(100);
        token.setPromptText("none");
        token.setPrefColumnCount(8);
        name.setPrefColumnCount(16);
        url.setEditable(false);
        url.getStyleClass().add("serve-url");
        status.getStyleClass().add("serve-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.state().messageProperty());
        inputs.setWrapText(true);
        inputs.getStyleClass().add("serve-inputs");
        inputs.textProperty().bind(vm.inputsProperty());
        start.setDefaultButton(true);
        start.setOnAction(e -> start());
        stop.setOnAction(e -> stop());
        start.disableProperty().bind(vm.serverProperty().isNotNull().or(vm.state().slot().busyProperty())
                .or(vm.modelProperty().isNull()));
        stop.disableProperty().bind(vm.serverProperty().isNull());
        refreshSnippets.setOnAction(e -> refreshSnippets());
        saveBody.setOnAction(e -> saveBody());
        saveBody.disableProperty().bind(vm.bodyProperty().isNull());
        vm.snippetsProperty().addListener((obs, old, pair) -> {
            curl.setText(pair == null ? "" : pair.curl());
            python.setText(pair == null ? "" : pair.python());
        });
        vm.snippetState().messageProperty().addListener((obs, old, text) -> {
            if (vm.snippetState().phase() == dev.onnxworkbench.app.task.RunState.Phase.FAILED) {
                curl.setText("# The Predict form's inputs are not complete: " + text);
                python.setText(curl.getText());
            }
        });
        vm.serverProperty().addListener((obs, old, now) -> serverChanged(now));
        for (TextArea area : List.of(curl, python)) {
            area.setEditable(false);
            area.setWrapText(true);
            area.getStyleClass().add("serve-snippet");
        }
        log.getStyleClass().add("serve-log");
        log.setPlaceholder(new Label("Requests appear here."));

        setTop(controls());
        setCenter(body());
        setPadding(new Insets(10));
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> tickOnce()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    private VBox controls() {
        HBox form = new HBox(8, new Label("Name"), name, new Label("Address"), host, new Label("Port"), port,
                new Label("Provider"), provider, new Label("Token"), token, start, stop);
        form.setAlignment(Pos.CENTER_LEFT);
        HBox where = new HBox(8, new Label("URL"), url);
        where.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(url, Priority.ALWAYS);
        rate.getStyleClass().add("serve-figure");
        latency.getStyleClass().add("serve-figure");
        HBox live = new HBox(24, rate, latency, totals);
        live.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, form, status, where, live);
        form.getChildren().forEach(n -> {
            if (n instanceof Label || n instanceof Button) {
                ((javafx.scene.layout.Region) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        });
        top.setPadding(new Insets(0, 0, 8, 0));
        return top;
    }

    private SplitPane body() {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds");
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setUpperBound(CHART_SECONDS);
        x.setTickUnit(10);
        NumberAxis y = new NumberAxis();
        y.setLabel("requests/s");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.getData().add(rateSeries);
        chart.setLegendVisible(false);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setMinHeight(140);
        chart.setPrefHeight(170);

        Tab curlTab = new Tab("curl", curl);
        Tab pythonTab = new Tab("Python requests", python);
        TabPane snippets = new TabPane(curlTab, pythonTab);
        snippets.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Button copy = new Button("Copy");
        copy.setOnAction(e -> {
            TextArea shown = snippets.getSelectionModel().getSelectedItem() == curlTab ? curl : python;
            ClipboardContent content = new ClipboardContent();
            content.putString(shown.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox snippetBar = new HBox(8, new Label("Client snippets"), spacer, refreshSnippets, saveBody, copy);
        snippetBar.setAlignment(Pos.CENTER_LEFT);
        VBox snippetBox = new VBox(6, snippetBar, inputs, snippets);
        VBox.setVgrow(snippets, Priority.ALWAYS);

        VBox logBox = new VBox(6, new Label("Access log"), log);
        VBox.setVgrow(log, Priority.ALWAYS);
        VBox left = new VBox(8, chart, logBox);
        VBox.setVgrow(logBox, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, snippetBox);
        split.setDividerPositions(0.45);
        return split;
    }

    /** Shows a model; a running server for another model is stopped first. */
    public void showModel(Path modelFile) {
        if (modelFile.equals(vm.modelProperty().get())) {
            return;
        }
        vm.showModel(modelFile);
        name.setText(ModelServer.defaultName(modelFile));
        curl.clear();
        python.clear();
        refreshSnippets();
    }

    public ServeViewModel viewModel() {
        return vm;
    }

    public ReadOnlyObjectProperty<ModelServer> serverProperty() {
        return vm.serverProperty();
    }

    Button startButton() {
        return start;
    }

    Button stopButton() {
        return stop;
    }

    TextArea curlSnippet() {
        return curl;
    }

    TextArea pythonSnippet() {
        return python;
    }

    Label statusLabel() {
        return status;
    }

    Label inputsLabel() {
        return inputs;
    }

    Spinner<Integer> portSpinnerForTests() {
        return port;
    }

    Label totalsForTests() {
        return totals;
    }

    ListView<String> logForTests() {
        return log;
    }

    private void start() {
        ExecutionProvider chosen = ExecutionProvider.parse(provider.getValue()).orElse(ExecutionProvider.CPU);
        vm.start(new ServeViewModel.Settings(name.getText().strip(), host.getValue(), port.getValue(),
                ProviderSettings.defaults(chosen), token.getText().isBlank() ? null : token.getText().strip()));
    }

    /** Stops serving (in the background: requests in flight finish first). */
    public void stop() {
        vm.stop();
    }

    private void serverChanged(ModelServer started) {
        if (started == null) {
            ticker.stop();
            url.clear();
            return;
        }
        url.setText(started.inferUrl());
        last = started.server().metrics().snapshot();
        tick = 0;
        rateSeries.getData().clear();
        ticker.play();
        refreshSnippets();
    }

    /** Once a second: rate and mean latency since the last tick, new log lines. Only counter reads here. */
    private void tickOnce() {
        ModelServer running = vm.serverProperty().get();
        if (running == null) {
            return;
        }
        ServerMetrics.Snapshot now = running.server().metrics().snapshot();
        long requests = now.requests() - last.requests();
        double meanMs = requests == 0 ? 0 : (now.totalNanos() - last.totalNanos()) / 1e6 / requests;
        last = now;
        rate.setText(String.format(Locale.ROOT, "%,d requests/s", requests));
        latency.setText(requests == 0 ? "– ms mean latency" : String.format(Locale.ROOT, "%.2f ms mean latency",
                meanMs));
        totals.setText(String.format(Locale.ROOT, "%,d requests, %,d errors", now.requests(), now.errors()));
        tick++;
        rateSeries.getData().add(new XYChart.Data<>(tick, requests));
        if (rateSeries.getData().size() > CHART_SECONDS) {
            rateSeries.getData().removeFirst();
        }
        NumberAxis x = (NumberAxis) rateSeries.getChart().getXAxis();
        x.setLowerBound(Math.max(0, tick - CHART_SECONDS));
        x.setUpperBound(Math.max(CHART_SECONDS, tick));
        List<String> lines = new ArrayList<>();
        for (String line; (line = vm.pendingLog().poll()) != null; ) {
            lines.add(line);
        }
        log.getItems().addAll(lines.size() > LOG_LINES ? lines.subList(lines.size() - LOG_LINES, lines.size()) : lines);
        if (log.getItems().size() > LOG_LINES) {
            log.getItems().remove(0, log.getItems().size() - LOG_LINES);
        }
        if (!lines.isEmpty()) {
            log.scrollTo(log.getItems().size() - 1);
        }
    }

    /**
     * "TIME ADDRESS METHOD PATH STATUS MS ms" from the server as "HH:mm:ss.SSS  STATUS  MS ms  METHOD PATH  ADDRESS":
     * what matters first, so a narrow list still shows it.
     */
    static String panelLine(String line) {
        String[] p = line.split(" ");
        if (p.length < 7) {
            return line;
        }
        String time = p[0].substring(p[0].indexOf('T') + 1).replace("Z", "");
        return time + "  " + p[4] + "  " + p[5] + " ms  " + p[2] + " " + p[3] + "  " + p[1];
    }

    /** Rebuilds the snippets from the Predict form's input set (read now, built in the background). */
    public void refreshSnippets() {
        ModelServer running = vm.serverProperty().get();
        String target = running != null ? running.inferUrl()
                : "http://" + host.getValue() + ":" + port.getValue() + "/v2/models/" + name.getText().strip()
                        + "/infer";
        vm.refreshSnippets(target, token.getText().isBlank() ? null : token.getText().strip());
    }

    private void saveBody() {
        if (vm.bodyProperty().get() == null || getScene() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the v2 request body");
        chooser.setInitialFileName("request.json");
        var target = chooser.showSaveDialog(getScene().getWindow());
        if (target != null) {
            vm.saveBody(target.toPath());
        }
    }
}
