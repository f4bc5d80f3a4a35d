package dev.onnxworkbench.models.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleModelsTest {

    @TempDir
    Path dir;

    @Test
    void materializeWritesDeterministicFilesOnceAndRewritesOutdatedOnes() throws Exception {
        List<Path> paths = SampleModels.materialize(dir);
        assertThat(paths).extracting(p -> p.getFileName().toString())
                .containsExactly(SampleModels.WEIGHT_CHANGE_FILE, SampleModels.DOMINANT_COLOUR_FILE);
        byte[] first = Files.readAllBytes(paths.get(0));
        assertThat(SampleModels.weightChangeBytes()).isEqualTo(first);

        var modified = Files.getLastModifiedTime(paths.get(0));
        Thread.sleep(20);
        SampleModels.materialize(dir);
        assertThat(Files.getLastModifiedTime(paths.get(0))).isEqualTo(modified);

        Files.write(paths.get(1), new byte[] {1, 2, 3});
        SampleModels.materialize(dir);
        assertThat(Files.readAllBytes(paths.get(1))).isEqualTo(SampleModels.dominantColourBytes());
    }

    @Test
    void weightChangeFitIsGoodAndStoredInMetadata() {
        WeightChangeModel.Fitted fitted = WeightChangeModel.build();
        assertThat(fitted.fit().rSquared()).isGreaterThan(0.8);
        assertThat(fitted.fit().rmse()).isLessThan(0.2);
        var props = fitted.model().getMetadataPropsList().stream()
                .collect(java.util.stream.Collectors.toMap(p -> p.getKey(), p -> p.getValue()));
        assertThat(props).containsKeys("description", "author", "feature_notes", "r2", "rmse_kg");
        assertThat(Double.parseDouble(props.get("r2"))).isEqualTo(fitted.fit().rSquared(),
                org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void weightChangeModelRunsInOnnxRuntimeAndAgreesWithThePhysiology() throws Exception {
        Path model = SampleModels.weightChange(dir);
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            assertThat(session.inputs()).extracting(i -> i.name())
                    .containsExactlyInAnyOrder("age", "sex", "weight_kg", "daily_kcal", "activity_level",
                            "sleep_quality");
            // A 35-year-old 80 kg man, moderately active, sleeping well: expenditure ≈ 2700 kcal.
            double surplus = weeklyChange(session, 35, "male", 80, 3500, "moderate", "good");
            double maintenance = weeklyChange(session, 35, "male", 80, 2700, "moderate", "good");
            double deficit = weeklyChange(session, 35, "male", 80, 1900, "moderate", "good");
            assertThat(surplus).isBetween(0.4, 1.1);   // ≈ +800 kcal/day → +0.73 kg/week
            assertThat(maintenance).isBetween(-0.3, 0.3);
            assertThat(deficit).isBetween(-1.1, -0.4);
            // More activity burns more; poor sleep lowers expenditure in the simulation.
            assertThat(weeklyChange(session, 35, "male", 80, 2700, "very_active", "good")).isLessThan(maintenance);
            assertThat(weeklyChange(session, 35, "male", 80, 2700, "moderate", "poor")).isGreaterThan(maintenance);

            // Against the formula itself on fresh people (different seed): error close to the fit's RMSE.
            double sumSq = 0;
            List<WeightChangePopulation.Person> people = WeightChangePopulation.draw(200, 7);
            for (WeightChangePopulation.Person p : people) {
                double predicted = weeklyChange(session, p.age(), WeightChangePopulation.SEXES.get(p.sex()),
                        p.weightKg(), p.dailyKcal(), WeightChangePopulation.ACTIVITY_LEVELS.get(p.activity()),
                        WeightChangePopulation.SLEEP_QUALITIES.get(p.sleep()));
                sumSq += (predicted - p.weeklyChangeKg()) * (predicted - p.weeklyChangeKg());
            }
            assertThat(Math.sqrt(sumSq / people.size())).isLessThan(0.25);
        }
    }

    private static double weeklyChange(ModelSession session, double age, String sex, double weight, double kcal,
                                       String activity, String sleep) throws Exception {
        long[] shape = {1, 1};
        PredictionResult result = session.run(Map.of(
                "age", HostTensor.ofFloats(shape, (float) age),
                "sex", HostTensor.ofStrings(shape, sex),
                "weight_kg", HostTensor.ofFloats(shape, (float) weight),
                "daily_kcal", HostTensor.ofFloats(shape, (float) kcal),
                "activity_level", HostTensor.ofStrings(shape, activity),
                "sleep_quality", HostTensor.ofStrings(shape, sleep)));
        HostTensor out = ((OutputValue.TensorValue) result.outputs().get(SampleModels.WEIGHT_CHANGE_OUTPUT)).tensor();
        assertThat(out.shape()).containsExactly(1, 1);
        return out.getDouble(0);
    }

    @Test
    void colourModelNamesDullAndMixedColoursByTheirNearestColour() throws Exception {
        float[][] colours = {{40 / 255f, 200 / 255f, 60 / 255f}, {140 / 255f, 25 / 255f, 30 / 255f},
            {215 / 255f, 205 / 255f, 50 / 255f}, {60 / 255f, 70 / 255f, 170 / 255f}, {0.12f, 0.1f, 0.15f},
            {0.9f, 0.88f, 0.85f}};
        String[] expected = {"green", "red", "yellow", "blue", "black", "white"};
        int size = 64;
        float[] pixels = new float[colours.length * 3 * size * size];
        for (int b = 0; b < colours.length; b++) {
            for (int c = 0; c < 3; c++) {
                java.util.Arrays.fill(pixels, (b * 3 + c) * size * size, (b * 3 + c + 1) * size * size, colours[b][c]);
            }
        }
        try (ModelSession session = TestSessions.factory().open(SampleModels.dominantColour(dir), ProviderSettings.cpu())) {
            PredictionResult result = session.run(Map.of("image",
                    HostTensor.ofFloats(new long[] {colours.length, 3, size, size}, pixels)));
            HostTensor probabilities = ((OutputValue.TensorValue) result.outputs().get("probabilities")).tensor();
            for (int b = 0; b < colours.length; b++) {
                int best = 0;
                for (int c = 1; c < 6; c++) {
                    if (probabilities.getDouble(b * 6L + c) > probabilities.getDouble(b * 6L + best)) {
                        best = c;
                    }
                }
                assertThat(SampleModels.COLOUR_LABELS.get(best)).as("colour %d", b).isEqualTo(expected[b]);
                assertThat(probabilities.getDouble(b * 6L + best)).as("confidence for colour %d", b).isGreaterThan(0.9);
            }
        }
    }

    @Test
    void colourModelNamesTheDominantColourOfNoisyImages() throws Exception {
        Path model = SampleModels.dominantColour(dir);
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            assertThat(session.metadata().get("labels")).isEqualTo("red,green,blue,yellow,black,white");
            Random random = new Random(3);
            int batch = 12;
            int size = 64;
            float[] pixels = new float[batch * 3 * size * size];
            int[] expected = new int[batch];
            for (int b = 0; b < batch; b++) {
                int dominant = b % 6;
                int other = (dominant + 1 + random.nextInt(5)) % 6;
                expected[b] = dominant;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        // a square of another colour covering a quarter of the image
                        boolean patch = x >= 8 && x < 40 && y >= 16 && y < 48;
                        float[] colour = ColourClassifierModel.PROTOTYPES[patch ? other : dominant];
                        for (int c = 0; c < 3; c++) {
                            float noisy = colour[c] + (random.nextFloat() - 0.5f) * 0.3f;
                            pixels[((b * 3 + c) * size + y) * size + x] = Math.max(0, Math.min(1, noisy));
                        }
                    }
                }
            }
            PredictionResult result = session.run(Map.of("image",
                    HostTensor.ofFloats(new long[] {batch, 3, size, size}, pixels)));
            HostTensor probabilities = ((OutputValue.TensorValue) result.outputs().get("probabilities")).tensor();
            assertThat(probabilities.shape()).containsExactly(batch, 6);
            for (int b = 0; b < batch; b++) {
                int best = 0;
                double sum = 0;
                for (int c = 0; c < 6; c++) {
                    sum += probabilities.getDouble(b * 6L + c);
                    if (probabilities.getDouble(b * 6L + c) > probabilities.getDouble(b * 6L + best)) {
                        best = c;
                    }
                }
                assertThat(SampleModels.COLOUR_LABELS.get(best)).as("image %d", b)
                        .isEqualTo(SampleModels.COLOUR_LABELS.get(expected[b]));
                assertThat(probabilities.getDouble(b * 6L + best)).isGreaterThan(0.9);
                assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }
}
