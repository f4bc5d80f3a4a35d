package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.beans.Observable;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** For inputs too big (or too unusual) to type: says where values come from; the row holds the loaded value. */
final class FileOnlyEditor extends InputEditor {

    private final Label hint = new Label();
    private final SimpleIntegerProperty never = new SimpleIntegerProperty();

    FileOnlyEditor(InputSpec spec) {
        super(spec);
        hint.setText(spec.isTensor()
                ? "Load values from a file (.npy, .pb, JSON, CSV) or fill randomly."
                : "Values of type " + spec.typeDescription() + " cannot be passed to ONNX Runtime from Java.");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
    }

    @Override
    Node view() {
        return hint;
    }

    @Override
    Observable changes() {
        return never;
    }

    @Override
    String problem(Map<String, Long> sizes) {
        return spec.isTensor() ? "Load a file or fill with random values."
                : "This input is a " + spec.typeDescription() + "; only tensor inputs can be run from the form.";
    }

    @Override
    Callable<HostTensor> snapshot(Map<String, Long> sizes) {
        return () -> {
            throw new InvalidInputException(problem(sizes));
        };
    }

    @Override
    String save() {
        return null;
    }

    @Override
    void restore(String saved) {
        // nothing typed to restore
    }
}
