package dev.onnxworkbench.models.samples;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Rows for the weekly-weight-change sample model, as a table holds them: an {@code id} key, the model's six
 * inputs (two of them string categories) with values like the population it was fitted on. Deterministic
 * per (seed, id), so any slice of a million rows can be made again without the rest — for batch-prediction
 * tests and benchmarks.
 */
public final class WeightChangeRows {
    public static final List<String> COLUMNS = List.of("id", "age", "sex", "weight_kg", "daily_kcal",
            "activity_level", "sleep_quality");

    private WeightChangeRows() {
    }

    /** Row {@code id} as cell texts aligned with {@link #COLUMNS} (numbers with one decimal, exact in float32 text). */
    public static String[] row(long id, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + id);
        int sex = random.nextInt(2);
        double age = 18 + random.nextDouble() * 62;
        double weight = Math.clamp((sex == 1 ? 84 : 70) + 14 * gaussian(random), 45, 150);
        double kcal = Math.clamp(2500 + 450 * gaussian(random), 1200, 4800);
        return new String[] {
            Long.toString(id),
            String.format(Locale.ROOT, "%.1f", age),
            SampleModels.SEXES.get(sex),
            String.format(Locale.ROOT, "%.1f", weight),
            String.format(Locale.ROOT, "%.0f", kcal),
            SampleModels.ACTIVITY_LEVELS.get(random.nextInt(SampleModels.ACTIVITY_LEVELS.size())),
            SampleModels.SLEEP_QUALITIES.get(random.nextInt(SampleModels.SLEEP_QUALITIES.size())),
        };
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
