package dev.onnxworkbench.models.edit;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.rewrite.Structure;
import java.nio.file.Path;
import java.util.List;

/**
 * One typed change to a model's structure. {@link #apply} changes the structure and gives back the edit
 * that undoes it (its inverse), computed from the state it found; an edit that throws leaves the structure
 * as it was (the session restores it). {@link #changesValues()} tells validation whether the model's
 * answers are meant to change (a new weight or attribute) or must stay the same (a rename, an opset).
 */
public sealed interface Edit {
    /** Applies the edit and returns its inverse. */
    Edit apply(Structure structure) throws WorkbenchException;

    /** One line for the pending-edits list and the CLI. */
    String describe();

    /** Whether the edited model's outputs may differ in value from the original's. */
    default boolean changesValues() {
        return false;
    }

    /** Renames a graph input, output or intermediate tensor (or an initializer) everywhere it is used. */
    record Rename(String from, String to) implements Edit {
        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            Structures.rename(s, from, to);
            return new Rename(to, from);
        }

        @Override
        public String describe() {
            return "rename '" + from + "' to '" + to + "'";
        }
    }

    /**
     * Sets a graph input's whole shape; each dimension is a number (static), a name (symbolic, dynamic) or
     * {@code ?} (unknown).
     */
    record SetInputShape(String input, List<String> dims) implements Edit {
        public SetInputShape {
            dims = List.copyOf(dims);
        }

        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            return new SetInputShape(input, Structures.setInputShape(s, input, dims));
        }

        @Override
        public String describe() {
            return "set the shape of input '" + input + "' to [" + String.join(", ", dims) + "]";
        }
    }

    /** Makes one dimension of a graph input static (a number) or dynamic (a name, or {@code ?}). */
    record SetDimension(String input, int axis, String dim) implements Edit {
        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            return new SetDimension(input, axis, Structures.setDimension(s, input, axis, dim));
        }

        @Override
        public String describe() {
            return "set dimension " + axis + " of input '" + input + "' to " + dim;
        }
    }

    /** Makes an intermediate tensor a graph output. */
    record AddOutput(String tensor) implements Edit {
        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            Structures.addOutput(s, tensor);
            return new RemoveOutput(tensor);
        }

        @Override
        public String describe() {
            return "add output '" + tensor + "'";
        }
    }

    /** Stops exporting a tensor as a graph output (the tensor itself stays). */
    record RemoveOutput(String tensor) implements Edit {
        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            Snapshot before = Snapshot.of(s);
            Structures.removeOutput(s, tensor);
            return new Restore("add output '" + tensor + "' back", before);
        }

        @Override
        public String describe() {
            return "remove output '" + tensor + "'";
        }
    }

    /** Deletes a node and then the nodes and weights that only it used. */
    record DeleteNode(String node) implements Edit {
        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            Snapshot before = Snapshot.of(s);
            Structures.deleteNode(s, node);
            return new Restore("restore node '" + node + "'", before);
        }

        @Override
        public String describe() {
            return "delete node '" + node + "' and what only it used";
        }
    }

    /** Sets (or adds) a node attribute; the value is written as on the command line (3, 0.5, a,b, 1,2,3). */
    record SetAttribute(String node, String attribute, String value) implements Edit {
        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            Snapshot before = Snapshot.of(s);
            Structures.setAttribute(s, node, attribute, value);
            return new Restore("restore " + node + "." + attribute, before);
        }

        @Override
        public String describe() {
            return "set " + node + "." + attribute + " = " + value;
        }

        @Override
        public boolean changesValues() {
            return true;
        }
    }

    /** Replaces an initializer's or a Constant node's tensor with the values of a .npy file of the same type and shape. */
    record ReplaceTensor(String tensor, Path file) implements Edit {
        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            Snapshot before = Snapshot.of(s);
            Structures.replaceTensor(s, tensor, file);
            return new Restore("restore the weight '" + tensor + "'", before);
        }

        @Override
        public String describe() {
            return "replace the weight '" + tensor + "' with " + file.getFileName();
        }

        @Override
        public boolean changesValues() {
            return true;
        }
    }

    /** Keeps only what computes {@code outputs} from {@code inputs}. */
    record Extract(List<String> inputs, List<String> outputs) implements Edit {
        public Extract {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            Snapshot before = Snapshot.of(s);
            s.extract(inputs, outputs);
            return new Restore("restore the whole graph", before);
        }

        @Override
        public String describe() {
            return "extract " + String.join(",", inputs) + " → " + String.join(",", outputs);
        }
    }

    /** Converts the default-domain opset op by op (see {@code models.opset.OpsetConverter}). */
    record ConvertOpset(int target) implements Edit {
        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            Snapshot before = Snapshot.of(s);
            new dev.onnxworkbench.models.opset.OpsetConverter(target).apply(s);
            return new Restore("restore the previous opset", before);
        }

        @Override
        public String describe() {
            return "convert to opset " + target;
        }
    }

    /** Removes dead nodes and unused initializers and sorts the nodes topologically. */
    record CleanUp() implements Edit {
        @Override
        public Edit apply(Structure s) throws WorkbenchException {
            Snapshot before = Snapshot.of(s);
            Structures.cleanUp(s);
            return new Restore("undo the clean-up", before);
        }

        @Override
        public String describe() {
            return "clean up (dead nodes, unused initializers, topological order)";
        }
    }

    /**
     * Puts back the structure an edit found (the inverse of edits that remove or rewrite parts). Weights
     * in it are payload references, so a snapshot costs the size of the structure, not of the weights.
     */
    record Restore(String describe, Snapshot snapshot) implements Edit {
        @Override
        public Edit apply(Structure s) {
            Snapshot now = Snapshot.of(s);
            snapshot.restore(s);
            return new Restore("redo", now);
        }
    }
}
