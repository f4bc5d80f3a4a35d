package dev.onnxworkbench.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The app's executor: callbacks on the FX thread, cancel as a request, a quiet shut-down. */
class FxTaskExecutorTest {
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fx-task-test");
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
    void cancelledWorkKeepsTheSlotBusyUntilItStopsThenReportsCancelledOnTheFxThread() throws Exception {
        TaskSlot slot = new TaskSlot();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        TaskHandle handle = WaitForAsyncUtils.asyncFx(() -> BackgroundTask.<String>wrap(progress -> {
            started.countDown();
            release.await();
            return "late result";
        }).inSlot(slot).onSuccess(seen::add).onCancelled(() -> seen.add("cancelled on "
                + Thread.currentThread().getName())).showInStatusBar().withTitle("long work").executeWith(tasks)).get(5, TimeUnit.SECONDS);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> tasks.runningTasks().countProperty().get()).get(5, TimeUnit.SECONDS))
                .isEqualTo(1);
        WaitForAsyncUtils.asyncFx(slot::cancel).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(slot.isBusy()).as("the work still runs").isTrue();
        assertThat(seen).isEmpty();
        release.countDown();
        handle.workEnded().get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !slot.isBusy());
        assertThat(seen).containsExactly("cancelled on JavaFX Application Thread");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tasks.runningTasks().countProperty().get() == 0);
    }

    @Test
    void aCallbackThatThrowsOnTheFxThreadIsReportedNotSwallowed() throws Exception {
        List<RuntimeException> reported = new CopyOnWriteArrayList<>();
        tasks.onDeliveryFailure(reported::add);
        List<String> after = new CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> BackgroundTask.wrap(() -> "value")
                .onSuccess(v -> { throw new IllegalStateException("onSuccess crashed on " + v); })
                .executeWith(tasks)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !reported.isEmpty());
        assertThat(reported.getFirst()).hasMessage("onSuccess crashed on value");
        // The FX thread lives on: the next task is delivered as usual.
        WaitForAsyncUtils.asyncFx(() -> BackgroundTask.wrap(() -> "next").onSuccess(after::add).executeWith(tasks))
                .get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> after.contains("next"));
    }

    @Test
    void afterShutdownNewWorkIsRefusedWithoutAnException() throws Exception {
        tasks.shutdown();
        pool.shutdownNow();
        List<String> seen = new CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> BackgroundTask.wrap(() -> "x").onSuccess(seen::add)
                .onCancelled(() -> seen.add("cancelled")).executeWith(tasks)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(seen).containsExactly("cancelled");
    }
}
