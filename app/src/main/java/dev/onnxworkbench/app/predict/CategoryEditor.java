package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.runtime.inputs.TensorSizes;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;

/** A dropdown of the categories the model's encoder knows; every batch row gets the chosen one. */
final class CategoryEditor extends InputEditor {

    private final ComboBox<String> choice = new ComboBox<>();

    CategoryEditor(InputSpec spec) {
        super(spec);
        choice.getItems().setAll(spec.categories());
        choice.setPromptText("Choose " + spec.name());
        choice.setMaxWidth(Double.MAX_VALUE);
        choice.getStyleClass().add("category-editor");
        choice.setId("input-" + spec.name());
    }

    ComboBox<String> comboBox() {
        return choice;
    }

    @Override
    Node view() {
        return choice;
    }

    @Override
    Observable changes() {
        return choice.valueProperty();
    }

    @Override
    String problem(Map<String, Long> sizes) {
        if (choice.getValue() == null) {
            return "Choose one of " + spec.categories().size() + " categories.";
        }
        return messageOf(() -> TensorSizes.checkFits(spec.name(), spec.elementType(), spec.concreteShape(sizes)));
    }

    @Override
    Callable<HostTensor> snapshot(Map<String, Long> sizes) {
        String value = choice.getValue();
        long[] shape = spec.concreteShape(sizes);
        return () -> {
            String[] values = new String[(int) count(shape)];
            Arrays.fill(values, value);
            return HostTensor.ofStrings(shape, values);
        };
    }

    @Override
    String save() {
        return choice.getValue();
    }

    @Override
    void restore(String saved) {
        if (saved != null && spec.categories().contains(saved)) {
            choice.setValue(saved);
        }
    }

    @Override
    void show(HostTensor value) {
        if (value.strings() != null && value.strings().length > 0 && spec.categories().contains(value.strings()[0])) {
            choice.setValue(value.strings()[0]);
        }
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
