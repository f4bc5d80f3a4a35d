package dev.onnxworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.FxTaskExecutor;
import dev.onnxworkbench.app.task.TaskHandle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Several tasks at once: each is listed with its progress and Cancel, and one ending leaves the others shown. */
class StatusBarTest {
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "status-bar-test");
        t.setDaemon(true);
        return t;
    });
    private final FxTaskExecutor tasks = new FxTaskExecutor(pool);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
        pool.shutdownNow();
    }

    @Test
    void oneTaskEndingDoesNotHideAnotherThatStillRuns() throws Exception {
        Scene[] scene = new Scene[1];
        StatusBar bar = WaitForAsyncUtils.asyncFx(() -> {
            StatusBar b = new StatusBar(tasks.runningTasks());
            // The task list as its pop-over shows it, above the bar, for the screenshot.
            javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(b.taskView(), b);
            scene[0] = new Scene(box, 900, 260);
            scene[0].getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.LIGHT.stylesheetUrl());
            return b;
        }).get(5, TimeUnit.SECONDS);
        CountDownLatch releaseOpen = new CountDownLatch(1);
        CountDownLatch releaseBench = new CountDownLatch(1);
        TaskHandle open = start("Opening model.onnx", releaseOpen);
        TaskHandle bench = start("Comparing providers", releaseBench);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> list(bar).getTasks().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        Button all = (Button) bar.getRightItems().stream().filter(n -> "status-tasks".equals(n.getId())).findFirst().orElseThrow();
        assertThat(all.getText()).isEqualTo("2 tasks");
        assertThat(text(bar)).startsWith("Comparing providers");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene[0], "status-bar-tasks")).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> {
            scene[0].getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), WorkbenchTheme.DARK.stylesheetUrl());
            Screenshots.save(scene[0], "status-bar-tasks-dark");
        }).get(10, TimeUnit.SECONDS);

        releaseBench.countDown();
        bench.workEnded().get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> list(bar).getTasks().size() == 1
                && tasks.runningTasks().countProperty().get() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(bar)).as("the opening still shows").startsWith("Opening model.onnx");
        assertThat(all.isVisible()).isTrue();
        assertThat(all.getText()).isEqualTo("1 task");

        // The task list's Cancel asks the work to stop; it stays listed until it has.
        WaitForAsyncUtils.asyncFx(() -> list(bar).getTasks().getFirst().cancel()).get(5, TimeUnit.SECONDS);
        assertThat(open.isCancelled()).isTrue();
        releaseOpen.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> list(bar).getTasks().isEmpty() && !all.isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(bar)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static org.controlsfx.control.TaskProgressView<javafx.concurrent.Task<?>> list(StatusBar bar) {
        return (org.controlsfx.control.TaskProgressView<javafx.concurrent.Task<?>>) bar.taskView();
    }

    /** A Task's title and message may be read on the FX thread only; so is the text bound to them. */
    private static String text(StatusBar bar) throws Exception {
        return WaitForAsyncUtils.asyncFx(bar::getText).get(5, TimeUnit.SECONDS);
    }

    private TaskHandle start(String title, CountDownLatch release) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> BackgroundTask.wrap(progress -> {
            progress.update(0.5, "half way");
            release.await();
            return null;
        }).withTitle(title).showInStatusBar().executeWith(tasks)).get(5, TimeUnit.SECONDS);
    }
}
