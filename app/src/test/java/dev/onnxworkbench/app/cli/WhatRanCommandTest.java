package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.testing.Protos;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every result says what ran (input shapes, provider), and a verb that ran nothing does not claim success. */
class WhatRanCommandTest {
    @TempDir
    Path dir;

    @Test
    void divergeTextNamesTheInputsBothRunsWereFed() throws Exception {
        Path chain = Protos.write(TestModels.chain(8), dir.resolve("chain.onnx"));
        CliRun cli = new CliRun();
        assertThat(cli.execute("diverge", chain.toString(), "--against", chain.toString(), "--random", "3"))
                .as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("input  x float32[1,16] random, seed 3");
    }

    @Test
    void benchWhereNoProviderLoadsFailsInsteadOfPrintingAnEmptyTable() throws Exception {
        Path chain = Protos.write(TestModels.chain(8), dir.resolve("chain.onnx"));
        CliRun cli = new CliRun();
        int code = cli.execute("bench", chain.toString(), "--providers", "cuda", "--runs", "2", "--json");
        JsonNode cuda = cli.jsonLines().getFirst().path("providers").get(0);
        Assumptions.assumeFalse(cuda.path("available").asBoolean(), "this machine has a GPU");
        assertThat(code).isEqualTo(1);
        String err = cli.err.toString().strip();
        assertThat(err).doesNotContain("\n").startsWith("onnx-workbench: nothing was measured: CUDA is unavailable")
                .contains(".so");
    }

    @Test
    void profileTextNamesTheInputsItProfiled() throws Exception {
        Path chain = Protos.write(TestModels.chain(8), dir.resolve("chain.onnx"));
        CliRun cli = new CliRun();
        assertThat(cli.execute("profile", chain.toString(), "--random", "5", "--runs", "1", "--warmup", "0"))
                .as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains(" on CPU: ").contains("input  x float32[1,16] random, seed 5");
    }

    @Test
    void predictBatchNamesItsProviderAndFailsWhenEveryRowFailed() throws Exception {
        Path chain = Protos.write(TestModels.chain(8), dir.resolve("chain.onnx"));
        Path rows = java.nio.file.Files.writeString(dir.resolve("rows.jsonl"), "{\"y\":1}\n{\"z\":2}\n");
        CliRun cli = new CliRun();
        assertThat(cli.execute("predict-batch", chain.toString(), "--in", rows.toString(), "--out",
                dir.resolve("preds.jsonl").toString())).isEqualTo(1);
        assertThat(cli.err.toString()).contains(" on CPU\n").contains("2 rows (2 with errors)").contains("; wrote ")
                .contains("onnx-workbench: every row failed");
    }

    @Test
    void tuneTextNamesTheInputsItTunedFor() throws Exception {
        Path chain = Protos.write(TestModels.chain(8), dir.resolve("chain.onnx"));
        CliRun cli = new CliRun();
        assertThat(cli.execute("tune", chain.toString(), "--random", "2", "--providers", "cpu", "--budget", "1"))
                .as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("best:    CPU").contains("input:   x float32[1,16] random, seed 2");
    }
}
