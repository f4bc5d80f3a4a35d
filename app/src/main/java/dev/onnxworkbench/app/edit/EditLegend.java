package dev.onnxworkbench.app.edit;

import dev.onnxworkbench.graphview.GraphView;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * What the marks on the graph mean (added, changed, next to a deleted node, a new or renamed tensor). Each
 * swatch takes its colour from the graph's own palette, so the legend matches the boxes in either theme.
 */
public final class EditLegend extends FlowPane {
    /** One entry: the graph colour it uses ({@code -gv-<colour>}), whether dashed, a box or a line, its text. */
    private record Entry(String colour, boolean dashed, boolean line, String text) {}

    static final List<String> TEXTS = List.of("added", "changed", "next to a deleted node", "new or renamed tensor");
    private static final List<Entry> ENTRIES = List.of(
            new Entry("outline-added", false, false, TEXTS.get(0)),
            new Entry("outline-changed", false, false, TEXTS.get(1)),
            new Entry("outline-removed", true, false, TEXTS.get(2)),
            new Entry("outline-changed", false, true, TEXTS.get(3)));

    public EditLegend() {
        super(12, 4);
        setId("edit-legend");
        getStyleClass().add("edit-legend");
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    /** Builds the entries in the colours of {@code graph} (they follow its theme). */
    public void useColoursOf(GraphView graph) {
        getChildren().clear();
        Label title = new Label("On the graph:");
        title.getStyleClass().add("muted");
        getChildren().add(title);
        for (Entry e : ENTRIES) {
            Region swatch = new Region();
            swatch.setMinSize(18, e.line() ? 4 : 12);
            swatch.setMaxSize(18, e.line() ? 4 : 12);
            ObservableValue<Color> colour = graph.colourProperty(e.colour());
            paint(swatch, e, colour.getValue());
            colour.addListener((obs, old, now) -> paint(swatch, e, now));
            Label text = new Label(e.text());
            HBox item = new HBox(5, swatch, text);
            item.setAlignment(Pos.CENTER_LEFT);
            item.getStyleClass().add("edit-legend-entry");
            getChildren().add(item);
        }
    }

    /** Shown while the graph carries edit marks. */
    public void showMarks(boolean shown) {
        setVisible(shown);
    }

    private static void paint(Region swatch, Entry e, Color colour) {
        if (e.line()) {
            swatch.setBackground(javafx.scene.layout.Background.fill(colour));
            return;
        }
        swatch.setBorder(new Border(new BorderStroke(colour, e.dashed() ? BorderStrokeStyle.DASHED : BorderStrokeStyle.SOLID,
                new CornerRadii(3), new BorderWidths(2))));
    }
}
