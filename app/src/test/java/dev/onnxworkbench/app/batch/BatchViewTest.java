package dev.onnxworkbench.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.app.task.TaskHandle;
import dev.onnxworkbench.models.batch.BatchTestData;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
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

/**
 * File ▸ Batch Predictions… headless at 1280×800: a SQLite table into a SQLite table, the mapping loaded from
 * the columns, the job cancelled part way and resumed to every row exactly once, the failed rows and the
 * last jobs shown. Screenshots: batch-mapping, batch-running, batch-errors, batch-jobs-dark.
 */
class BatchViewTest {
    static final int ROWS = 30_000;

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

    @Test
    void aTableIntoATableCancelledResumedWithItsFailedRowsAndLastJobs() throws Exception {
        Path model = SampleModels.weightChange(tmp);
        Path people = tmp.resolve("people.db");
        BatchTestData.table("jdbc:sqlite:" + people, "people", ROWS, true);
        Path out = tmp.resolve("out.db");
        BatchViewModel vm = new BatchViewModel(services.tasks(), TestSessions::factory);
        BatchView[] view = new BatchView[1];
        interact(() -> {
            view[0] = new BatchView(vm);
            show(view[0], WorkbenchTheme.LIGHT);
            vm.showModel(model);
            vm.sourceKindProperty().set(BatchViewModel.Kind.SQLITE);
            vm.sourceLocationProperty().set(people.toString());
            vm.sourceTableProperty().set("people");
            vm.sinkKindProperty().set(BatchViewModel.Kind.SQLITE);
            vm.sinkLocationProperty().set(out.toString());
            vm.sinkTableProperty().set("predictions");
            vm.keyProperty().set("id");
            vm.batchProperty().set(100);
        });
        TaskHandle[] handle = new TaskHandle[1];
        interact(() -> handle[0] = vm.loadColumns());
        handle[0].workEnded().get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.mapping()).hasSize(6);
        assertThat(vm.mapping().get(1).input()).isEqualTo("sex");
        assertThat(vm.mapping().get(1).columnProperty().get()).isEqualTo("sex");
        assertThat(vm.mapping().get(1).categories()).isEqualTo("female, male");
        assertThat(vm.statusProperty().get()).contains("every input has a column");
        screenshot("batch-mapping");

        interact(() -> handle[0] = vm.start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (vm.progressProperty().get() < 0.05 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.statusProperty().get()).contains("rows/s").contains("left");
        screenshot("batch-running");
        interact(vm::cancel);
        handle[0].workEnded().get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.lastJobs()).hasSize(1);
        assertThat(vm.lastJobs().getFirst().outcome()).isEqualTo("cancelled");
        assertThat(count(out, "predictions")).isLessThan(ROWS - 3);

        interact(() -> {
            vm.resumeProperty().set(true);
            handle[0] = vm.start();
        });
        handle[0].workEnded().get(180, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.lastJobs()).hasSize(2);
        assertThat(vm.lastJobs().getFirst().outcome()).isEqualTo("done");
        assertThat(vm.statusProperty().get()).contains("of an earlier run").contains("written to");
        assertThat(count(out, "predictions")).isEqualTo(ROWS - 3);
        assertThat(count(out, "(SELECT DISTINCT id FROM predictions)")).isEqualTo(ROWS - 3);
        assertThat(vm.errors()).extracting(e -> e.key()).containsExactly("3", "7", "11");
        assertThat(vm.errors().get(2).reason()).contains("other");
        interact(() -> view[0].tabs().getSelectionModel().select(1));
        screenshot("batch-errors");
        interact(() -> {
            show(view[0], WorkbenchTheme.DARK);
            view[0].tabs().getSelectionModel().select(2);
        });
        screenshot("batch-jobs-dark");
    }

    private static long count(Path db, String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void show(BatchView view, WorkbenchTheme theme) {
        scene = view.getScene() != null ? view.getScene() : new Scene(view, 1280, 800);
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
