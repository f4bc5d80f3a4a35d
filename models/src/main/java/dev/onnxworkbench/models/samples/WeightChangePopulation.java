package dev.onnxworkbench.models.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic population for the tabular sample, drawn from a physiological formula with a fixed seed:
 * energy expenditure = Mifflin–St Jeor basal metabolic rate × activity factor × a sleep effect,
 * weekly change = 7 × (intake − expenditure) / 7700 kcal per kg, plus measurement noise.
 * Height is not an input of the model, so it is drawn per person and left for the fit to average out.
 */
final class WeightChangePopulation {
    static final List<String> SEXES = List.of("female", "male");
    static final List<String> ACTIVITY_LEVELS = List.of("sedentary", "light", "moderate", "active", "very_active");
    static final List<String> SLEEP_QUALITIES = List.of("poor", "fair", "good");

    /** Harris–Benedict style multipliers commonly used with Mifflin–St Jeor. */
    static final double[] ACTIVITY_FACTORS = {1.2, 1.375, 1.55, 1.725, 1.9};
    /** Short or poor sleep lowers daily expenditure (less spontaneous activity) in the simulation. */
    static final double[] SLEEP_FACTORS = {0.95, 0.98, 1.0};
    static final double KCAL_PER_KG = 7700;

    record Person(double age, int sex, double weightKg, double dailyKcal, int activity, int sleep,
                  double weeklyChangeKg) {
    }

    private WeightChangePopulation() {
    }

    static double expenditureKcal(double age, int sex, double weightKg, double heightCm, int activity, int sleep) {
        double bmr = 10 * weightKg + 6.25 * heightCm - 5 * age + (sex == 1 ? 5 : -161);
        return bmr * ACTIVITY_FACTORS[activity] * SLEEP_FACTORS[sleep];
    }

    static List<Person> draw(int count, long seed) {
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int sex = random.nextInt(2);
            double age = 18 + random.nextDouble() * 62;
            double height = (sex == 1 ? 177 : 163) + 7 * random.nextGaussian();
            double weight = clamp((sex == 1 ? 84 : 70) + 14 * random.nextGaussian(), 45, 150);
            int activity = pick(random, 0.30, 0.30, 0.20, 0.15, 0.05);
            int sleep = pick(random, 0.25, 0.40, 0.35);
            double expenditure = expenditureKcal(age, sex, weight, height, activity, sleep);
            double intake = clamp(expenditure + 450 * random.nextGaussian(), 1200, 4800);
            double change = 7 * (intake - expenditure) / KCAL_PER_KG + 0.08 * random.nextGaussian();
            people.add(new Person(age, sex, weight, intake, activity, sleep, change));
        }
        return people;
    }

    private static int pick(Random random, double... probabilities) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
