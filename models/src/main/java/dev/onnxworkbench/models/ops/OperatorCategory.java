package dev.onnxworkbench.models.ops;

import java.util.Locale;

/**
 * What kind of work an operator does; the diagram colours nodes by it (one CSS class per category).
 * {@link #CUSTOM} is for operators the catalog does not know, such as those of custom domains.
 */
public enum OperatorCategory {
    LAYER("Layer"),
    ACTIVATION("Activation"),
    POOL("Pool"),
    NORMALIZATION("Normalization"),
    TENSOR("Tensor / shape"),
    LOGIC("Logic / math"),
    DATA("Data / constant"),
    CONTROL("Control flow"),
    QUANTIZATION("Quantization"),
    ML("Machine learning"),
    CUSTOM("Custom");

    private final String displayName;
    private final String cssClass;

    OperatorCategory(String displayName) {
        this.displayName = displayName;
        this.cssClass = name().toLowerCase(Locale.ROOT);
    }

    /** Lower-case id, used as the CSS style class and in the catalog data file ("layer", "tensor", ...). */
    public String cssClass() {
        return cssClass;
    }

    /** Name for people, e.g. "Tensor / shape". */
    public String displayName() {
        return displayName;
    }

    /** The category with this {@link #cssClass()} id. */
    static OperatorCategory fromId(String id) {
        for (OperatorCategory category : values()) {
            if (category.cssClass.equals(id)) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown operator category '" + id + "'");
    }
}
