package dev.onnxworkbench.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The promises every task site relies on, on the same-thread executor and on the FX one. */
class BackgroundTaskTest {
    private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();

    @Test
    void successFailureAndFinishedAreDelivered() {
        List<String> seen = new ArrayList<>();
        BackgroundTask.wrap(() -> 42).onSuccess(v -> seen.add("ok " + v)).onFinished(() -> seen.add("finished")).executeWith(now);
        BackgroundTask.wrap(() -> { throw new IllegalStateException("boom"); })
                .onFailure(e -> seen.add("failed " + e.getMessage())).executeWith(now);
        assertThat(seen).containsExactly("ok 42", "finished", "failed boom");
    }

    @Test
    void aNewTaskInTheSlotDropsTheOldOnesResultAndPartialResults() {
        TaskSlot slot = new TaskSlot();
        List<String> shown = new ArrayList<>();
        BackgroundTask.<String>wrap(progress -> {
            progress.publish(() -> shown.add("A partial before"));
            // While A still runs, the user opens B (same thread: a call from inside the work).
            BackgroundTask.wrap(() -> "B").inSlot(slot).onSuccess(shown::add).executeWith(now);
            progress.publish(() -> shown.add("A partial after"));
            assertThat(progress.isCancelled()).as("A learns it was superseded").isTrue();
            return "A";
        }).inSlot(slot).onSuccess(shown::add).onCancelled(() -> shown.add("A cancelled")).executeWith(now);
        assertThat(shown).containsExactly("A partial before", "B");
        assertThat(slot.isBusy()).isFalse();
    }

    @Test
    void aCallbackThatThrowsFailsTheCallerInsteadOfVanishing() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BackgroundTask.wrap(() -> 42)
                        .onSuccess(v -> { throw new IllegalStateException("the view crashed on " + v); })
                        .executeWith(now))
                .isInstanceOf(IllegalStateException.class).hasMessage("the view crashed on 42");
        TaskSlot slot = new TaskSlot();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BackgroundTask.wrap(() -> 1).inSlot(slot)
                        .onFailure(e -> { })
                        .onFinished(() -> { throw new IllegalArgumentException("finished crashed"); })
                        .executeWith(now))
                .hasMessage("finished crashed");
        assertThat(slot.isBusy()).as("the slot is freed all the same").isFalse();
    }

    @Test
    void aShutDownExecutorRefusesQuietly() {
        now.shutdown();
        List<String> seen = new ArrayList<>();
        TaskHandle h = BackgroundTask.wrap(() -> "never").onSuccess(seen::add).onCancelled(() -> seen.add("cancelled"))
                .executeWith(now);
        assertThat(seen).containsExactly("cancelled");
        assertThat(h.isRunning()).isFalse();
    }
}
