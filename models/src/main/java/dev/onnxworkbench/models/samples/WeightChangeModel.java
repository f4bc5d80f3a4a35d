package dev.onnxworkbench.models.samples;

import static dev.onnxworkbench.models.samples.OnnxBuilder.FLOAT;
import static dev.onnxworkbench.models.samples.OnnxBuilder.STRING;
import static dev.onnxworkbench.models.samples.OnnxBuilder.floats;
import static dev.onnxworkbench.models.samples.OnnxBuilder.integer;
import static dev.onnxworkbench.models.samples.OnnxBuilder.node;
import static dev.onnxworkbench.models.samples.OnnxBuilder.prop;
import static dev.onnxworkbench.models.samples.OnnxBuilder.strings;
import static dev.onnxworkbench.models.samples.OnnxBuilder.value;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.samples.WeightChangePopulation.Person;
import java.util.List;
import java.util.Locale;

/**
 * The tabular sample: "weekly weight change (kg)" from six named inputs. Numeric inputs are
 * concatenated and standardised (Scaler), categorical inputs one-hot encoded (ai.onnx.ml
 * OneHotEncoder, whose cats_strings are the form's dropdown choices), and a LinearRegressor holds
 * coefficients fitted by ordinary least squares on a synthetic population.
 */
final class WeightChangeModel {
    static final long SEED = 20_260_521L;
    static final int POPULATION = 20_000;
    static final String OUTPUT = "weekly_weight_change_kg";

    /** What the fit produced, for the metadata and for tests. */
    record Fitted(ModelProto model, LeastSquares.Fit fit, float[] means, float[] scales) {
    }

    private WeightChangeModel() {
    }

    static Fitted build() {
        List<Person> people = WeightChangePopulation.draw(POPULATION, SEED);
        float[] means = new float[3];
        float[] scales = new float[3];
        standardisation(people, means, scales);

        // Design matrix: 3 standardised numerics, then one-hot columns without each reference category
        // (female, sedentary, poor) so the normal equations are not singular; the reference gets weight 0.
        double[][] x = new double[people.size()][];
        double[] y = new double[people.size()];
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            double[] row = new double[3 + 1 + 4 + 2];
            row[0] = (p.age() - means[0]) * scales[0];
            row[1] = (p.weightKg() - means[1]) * scales[1];
            row[2] = (p.dailyKcal() - means[2]) * scales[2];
            row[3] = p.sex() == 1 ? 1 : 0;
            if (p.activity() > 0) {
                row[3 + p.activity()] = 1;
            }
            if (p.sleep() > 0) {
                row[7 + p.sleep()] = 1;
            }
            x[i] = row;
            y[i] = p.weeklyChangeKg();
        }
        LeastSquares.Fit fit = LeastSquares.fit(x, y);
        double[] w = fit.weights();
        float[] coefficients = {
            (float) w[0], (float) w[1], (float) w[2],
            0f, (float) w[3],
            0f, (float) w[4], (float) w[5], (float) w[6], (float) w[7],
            0f, (float) w[8], (float) w[9]};
        return new Fitted(model(coefficients, (float) fit.intercept(), means, scales, fit), fit, means, scales);
    }

    private static void standardisation(List<Person> people, float[] means, float[] scales) {
        double[] sum = new double[3];
        double[] sumSq = new double[3];
        for (Person p : people) {
            double[] v = {p.age(), p.weightKg(), p.dailyKcal()};
            for (int j = 0; j < 3; j++) {
                sum[j] += v[j];
                sumSq[j] += v[j] * v[j];
            }
        }
        int n = people.size();
        for (int j = 0; j < 3; j++) {
            double mean = sum[j] / n;
            double std = StrictMath.sqrt(sumSq[j] / n - mean * mean);
            means[j] = (float) mean;
            scales[j] = (float) (1 / std);
        }
    }

    private static ModelProto model(float[] coefficients, float intercept, float[] means, float[] scales,
                                    LeastSquares.Fit fit) {
        String ml = "ai.onnx.ml";
        GraphProto graph = GraphProto.newBuilder()
                .setName("weekly_weight_change")
                .addInput(value("age", FLOAT, "Age in years (18–80 in the training population).", "N", 1L))
                .addInput(value("sex", STRING, "Biological sex: female or male.", "N", 1L))
                .addInput(value("weight_kg", FLOAT, "Current body weight in kilograms.", "N", 1L))
                .addInput(value("daily_kcal", FLOAT, "Average daily energy intake in kilocalories.", "N", 1L))
                .addInput(value("activity_level", STRING,
                        "sedentary, light, moderate, active or very_active.", "N", 1L))
                .addInput(value("sleep_quality", STRING, "poor, fair or good.", "N", 1L))
                .addNode(node("Concat", "", List.of("age", "weight_kg", "daily_kcal"), List.of("numeric"),
                        integer("axis", 1)))
                .addNode(node("Scaler", ml, List.of("numeric"), List.of("numeric_scaled"),
                        floats("offset", means), floats("scale", scales)))
                .addNode(node("OneHotEncoder", ml, List.of("sex"), List.of("sex_onehot"),
                        strings("cats_strings", WeightChangePopulation.SEXES), integer("zeros", 1)))
                .addNode(node("OneHotEncoder", ml, List.of("activity_level"), List.of("activity_onehot"),
                        strings("cats_strings", WeightChangePopulation.ACTIVITY_LEVELS), integer("zeros", 1)))
                .addNode(node("OneHotEncoder", ml, List.of("sleep_quality"), List.of("sleep_onehot"),
                        strings("cats_strings", WeightChangePopulation.SLEEP_QUALITIES), integer("zeros", 1)))
                .addNode(node("Flatten", "", List.of("sex_onehot"), List.of("sex_features"), integer("axis", 1)))
                .addNode(node("Flatten", "", List.of("activity_onehot"), List.of("activity_features"),
                        integer("axis", 1)))
                .addNode(node("Flatten", "", List.of("sleep_onehot"), List.of("sleep_features"),
                        integer("axis", 1)))
                .addNode(node("Concat", "",
                        List.of("numeric_scaled", "sex_features", "activity_features", "sleep_features"),
                        List.of("features"), integer("axis", 1)))
                .addNode(node("LinearRegressor", ml, List.of("features"), List.of(OUTPUT),
                        floats("coefficients", coefficients), floats("intercepts", intercept),
                        integer("targets", 1)))
                .addOutput(value(OUTPUT, FLOAT, "Predicted change of body weight per week in kilograms.",
                        "N", 1L))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("ONNX Workbench sample generator")
                .setProducerVersion("1")
                .setDomain("dev.onnxworkbench.samples")
                .setModelVersion(1)
                .setDocString("Predicts weekly weight change (kg) from age, sex, weight, daily calories, "
                        + "activity level and sleep quality. A linear model fitted on a synthetic population.")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ml).setVersion(3))
                .setGraph(graph)
                .addMetadataProps(prop("description",
                        "Weekly weight change (kg) predicted from age, sex, weight_kg, daily_kcal, activity_level "
                                + "and sleep_quality. For demonstration only, not medical advice."))
                .addMetadataProps(prop("author", "ONNX Workbench sample generator (SampleModels.java)"))
                .addMetadataProps(prop("feature_notes",
                        "Trained on " + POPULATION + " synthetic people (seed " + SEED + "): expenditure = "
                                + "Mifflin–St Jeor BMR × activity factor (1.2/1.375/1.55/1.725/1.9) × sleep "
                                + "factor (poor 0.95, fair 0.98, good 1.0); weekly change = 7 × (daily_kcal − "
                                + "expenditure) / 7700 kcal per kg + noise (σ 0.08 kg). Numeric inputs are "
                                + "standardised by Scaler; categories are one-hot encoded."))
                .addMetadataProps(prop("fit", "ordinary least squares"))
                .addMetadataProps(prop("r2", String.format(Locale.ROOT, "%.4f", fit.rSquared())))
                .addMetadataProps(prop("rmse_kg", String.format(Locale.ROOT, "%.4f", fit.rmse())))
                .addMetadataProps(prop("training_rows", Integer.toString(POPULATION)))
                .build();
    }
}
