package dev.onnxworkbench.models.precision;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How {@link Fp16Converter} converts.
 *
 * @param keepIoTypes the model's float inputs and outputs stay float32 (Casts at the edges)
 * @param blocked     operator types and node names kept in float32, with Casts around them; the defaults
 *                    ({@link #DEFAULT_BLOCKED}) are added to what the user names
 */
public record Fp16Options(boolean keepIoTypes, Set<String> blocked) {
    /**
     * onnxconverter-common's float16.py DEFAULT_OP_BLOCK_LIST (ML operators without float16 kernels, and
     * operators with float32-only inputs such as Resize's scales), plus the quantization operators.
     */
    public static final List<String> DEFAULT_BLOCKED = List.of("ArrayFeatureExtractor", "Binarizer", "CastMap",
            "CategoryMapper", "DictVectorizer", "FeatureVectorizer", "Imputer", "LabelEncoder", "LinearClassifier",
            "LinearRegressor", "Normalizer", "OneHotEncoder", "RandomUniformLike", "SVMClassifier", "SVMRegressor",
            "Scaler", "TreeEnsembleClassifier", "TreeEnsembleRegressor", "ZipMap", "NonMaxSuppression", "TopK",
            "RoiAlign", "Resize", "Range", "CumSum", "Min", "Max", "Upsample",
            "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear");

    public Fp16Options {
        Set<String> all = new LinkedHashSet<>(DEFAULT_BLOCKED);
        all.addAll(blocked);
        blocked = Set.copyOf(all);
    }

    public static Fp16Options defaults() {
        return new Fp16Options(false, Set.of());
    }
}
