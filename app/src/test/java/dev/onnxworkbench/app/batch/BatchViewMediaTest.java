package dev.onnxworkbench.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.task.TaskHandle;
import dev.onnxworkbench.models.batch.BatchJob;
import dev.onnxworkbench.models.batch.BatchJobRunner;
import dev.onnxworkbench.models.batch.BatchListener;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.MediaColumns;
import dev.onnxworkbench.models.batch.PictureColumnData;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.batch.SinkSpec;
import dev.onnxworkbench.models.batch.SourceSpec;
import dev.onnxworkbench.models.runtime.TestSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Batch Predictions ▸ Open Job… with a job that predict-batch saved with picture settings for a column of paths:
 * the window's run reads the pictures with those settings (ImageNet scaling, BGR, 4×4) and writes exactly the
 * file predict-batch's runner writes for that job file; Save Job… keeps the settings.
 */
class BatchViewMediaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppServices services;

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
    void anOpenedJobsPictureSettingsAreUsedAsPredictBatchUsesThem() throws Exception {
        Path model = PictureColumnData.identityModel(tmp);
        PictureColumnData.picture(tmp.resolve("pics/a.png"), 4, 4, 1);
        PictureColumnData.picture(tmp.resolve("pics/b.png"), 9, 7, 2);
        Path rows = Files.writeString(tmp.resolve("rows.csv"), "id,x\n1,pics/a.png\n2,pics/b.png\n");
        JsonNode settings = JSON.readTree("{\"kind\": \"image\", \"imageSize\": \"4x4\", \"scaling\": \"imagenet\", "
                + "\"channels\": \"bgr\"}");
        Path jobFile = tmp.resolve("job.json");
        new BatchJob(model, new SourceSpec.File(rows), new SinkSpec.File(tmp.resolve("window.csv")), List.of(),
                Map.of(), Map.of(), 2, Map.of("x", settings)).write(jobFile);

        BatchViewModel vm = new BatchViewModel(services.tasks(), TestSessions::factory);
        TaskHandle[] handle = new TaskHandle[1];
        interact(() -> {
            vm.showModel(model);
            handle[0] = vm.openJob(jobFile);
        });
        handle[0].workEnded().get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.statusProperty().get()).contains("Loaded job.json").contains("path columns of x");
        assertThat(vm.sourceLocationProperty().get()).isEqualTo(rows.toString());

        interact(() -> handle[0] = vm.start());
        handle[0].workEnded().get(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.statusProperty().get()).contains("2 rows (0 with errors)");

        Path cliOut = tmp.resolve("cli.csv");
        // predict-batch's road for the same job file: its runner with the job's settings.
        BatchJob reread = BatchJob.read(jobFile).withSink(new SinkSpec.File(cliOut));
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            BatchPredictor predictor = new BatchPredictor(session, 2);
            predictor.media(MediaColumns.of(reread.media(), InputSpecs.of(session), reread.mediaBase(), "job.json"));
            new BatchJobRunner(predictor).run(reread, false, BatchListener.NONE, () -> false);
        }
        List<String> window = Files.readAllLines(tmp.resolve("window.csv"));
        assertThat(window).isEqualTo(Files.readAllLines(cliOut)).hasSize(3);
        // ImageNet's mean and std make values below 0; the default 0–1 scaling would not.
        List<String> header = List.of(window.getFirst().split(","));
        for (String line : window.subList(1, 3)) {
            String[] cells = line.split(",", -1);
            double min = java.util.stream.IntStream.range(header.indexOf("y_0"), header.indexOf("y_0") + 48)
                    .mapToDouble(i -> Double.parseDouble(cells[i])).min().orElseThrow();
            assertThat(min).as(line).isNegative();
        }

        Path saved = tmp.resolve("saved.json");
        interact(() -> handle[0] = vm.saveJob(saved));
        handle[0].workEnded().get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(BatchJob.read(saved).media().get("x").path("scaling").asText()).isEqualTo("imagenet");
        assertThat(vm.statusProperty().get()).contains("Saved the job to");
    }

    private void interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
