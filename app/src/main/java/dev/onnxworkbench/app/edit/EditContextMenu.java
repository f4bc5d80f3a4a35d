package dev.onnxworkbench.app.edit;

import dev.onnxworkbench.app.diagram.MappedGraph;
import dev.onnxworkbench.app.properties.AttributeEditText;
import dev.onnxworkbench.models.graph.Attribute;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.ValueInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The graph's context menu in edit mode: on a box, on an edge (a tensor), on a model input or output. Each item
 * makes the typed edit the CLI would ({@code --delete}, {@code --set-attr}, {@code --replace-weight},
 * {@code --add-output}, {@code --rename}, {@code --extract}, {@code --set-shape}). Edits apply to the main graph;
 * inside an If/Loop body the menu says so.
 */
public final class EditContextMenu {
    private final EditMode edit;

    EditContextMenu(EditMode edit) {
        this.edit = edit;
    }

    /** The items for an operator box of {@code graph} (the graph level it is drawn in). */
    public List<MenuItem> forNode(Node node, MappedGraph graph, Model shown) {
        if (!topLevel(graph, shown)) {
            return bodyOnly();
        }
        List<MenuItem> items = new ArrayList<>();
        items.add(item("Delete Node", () -> edit.deleteNode(node)));
        Menu attributes = new Menu("Set Attribute");
        attributes.setMnemonicParsing(false);
        for (Attribute a : node.attributes()) {
            AttributeEditText.of(a.value()).ifPresent(text -> attributes.getItems().add(
                    item(a.name() + " = " + shorten(text) + "…", () -> edit.setAttribute(node, a.name(), text))));
        }
        if (!attributes.getItems().isEmpty()) {
            items.add(attributes);
        }
        for (String input : node.inputs()) {
            if (!input.isEmpty() && graph.weights().containsKey(input)) {
                items.add(item("Replace Weight '" + input + "' from .npy…", () -> edit.replaceWeight(input)));
            }
        }
        Set<String> outputs = outputs(shown);
        List<String> produced = node.outputs().stream().filter(t -> !t.isEmpty()).toList();
        if (!produced.isEmpty()) {
            items.add(new SeparatorMenuItem());
        }
        for (String t : produced) {
            if (!outputs.contains(t)) {
                items.add(item("Add Output at '" + t + "'", () -> edit.addOutput(t)));
            }
            items.add(item("Rename '" + t + "'…", () -> edit.rename(t)));
        }
        List<String> fed = node.inputs().stream().filter(t -> !t.isEmpty() && !graph.weights().containsKey(t)).toList();
        items.add(new SeparatorMenuItem());
        MenuItem from = item("Extract from Here (" + String.join(", ", fed) + " → outputs)", () -> edit.extractFrom(fed));
        from.setDisable(fed.isEmpty());
        items.add(from);
        if (!produced.isEmpty()) {
            items.add(item("Extract up to Here (inputs → " + String.join(", ", produced) + ")", () -> edit.extractTo(produced)));
        }
        return items;
    }

    /** The items for an edge: the tensor it carries. */
    public List<MenuItem> forTensor(String tensor, MappedGraph graph, Model shown) {
        if (!topLevel(graph, shown)) {
            return bodyOnly();
        }
        List<MenuItem> items = new ArrayList<>();
        if (!outputs(shown).contains(tensor) && graph.producerOf(tensor).map(graph.nodesById()::containsKey).orElse(false)) {
            items.add(item("Add Output at '" + tensor + "'", () -> edit.addOutput(tensor)));
        }
        items.add(item("Rename '" + tensor + "'…", () -> edit.rename(tensor)));
        items.add(new SeparatorMenuItem());
        items.add(item("Extract from '" + tensor + "'", () -> edit.extractFrom(List.of(tensor))));
        items.add(item("Extract up to '" + tensor + "'", () -> edit.extractTo(List.of(tensor))));
        items.add(item("Extract Between…", () -> edit.extractBetween(tensor)));
        return items;
    }

    /** The items for a model input or output box. */
    public List<MenuItem> forTerminal(ValueInfo value, boolean input, MappedGraph graph, Model shown) {
        if (!topLevel(graph, shown)) {
            return bodyOnly();
        }
        List<MenuItem> items = new ArrayList<>();
        items.add(item("Rename '" + value.name() + "'…", () -> edit.rename(value.name())));
        if (input) {
            items.add(item("Set Shape of '" + value.name() + "'…", () -> edit.setShape(value)));
        } else {
            items.add(item("Remove Output '" + value.name() + "'", () -> edit.removeOutput(value.name())));
        }
        return items;
    }

    private static boolean topLevel(MappedGraph graph, Model shown) {
        return shown != null && graph != null && graph.graph() == shown.graph();
    }

    private static List<MenuItem> bodyOnly() {
        MenuItem note = new MenuItem("Edits apply to the main graph; go back to it to edit");
        note.setDisable(true);
        return List.of(note);
    }

    private static Set<String> outputs(Model shown) {
        return shown.graph().outputs().stream().map(ValueInfo::name).collect(Collectors.toSet());
    }

    private static String shorten(String text) {
        return text.length() <= 24 ? text : text.substring(0, 23) + "…";
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false); // tensor names keep their underscores
        item.setOnAction(e -> action.run());
        return item;
    }
}
