package dev.onnxworkbench.app.properties;

import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Netron's properties layout: section titles, and under each a two-column grid of a muted,
 * right-aligned name and a value in a light box. Values are text or any node (links, buttons).
 */
public final class PropertyGrid extends VBox {
    private GridPane current;
    private int row;

    public PropertyGrid() {
        getStyleClass().add("properties");
        setFillWidth(true);
        setMinWidth(0);
    }

    /** A grid inside a vertical-only scroll pane, as the sidebar tabs use it. */
    static javafx.scene.control.ScrollPane scrolling(javafx.scene.control.ScrollPane pane) {
        pane.setFitToWidth(true);
        pane.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        return pane;
    }

    /** Starts a new section; following rows go under its title. */
    public PropertyGrid section(String title) {
        Label heading = new Label(title.toUpperCase(java.util.Locale.ROOT));
        heading.getStyleClass().add("section-title");
        getChildren().add(heading);
        current = new GridPane();
        current.getStyleClass().add("property-grid");
        current.setHgap(10);
        current.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(110); // fixed: the value column gives way to long values, never the names
        names.setPrefWidth(110);
        names.setHalignment(HPos.RIGHT);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        values.setMinWidth(0); // long values wrap instead of widening the sidebar
        current.getColumnConstraints().setAll(names, values);
        row = 0;
        getChildren().add(current);
        return this;
    }

    /** A row with a text value; an empty value is skipped (Netron hides empty properties). */
    public PropertyGrid text(String name, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        return node(name, valueLabel(value, false));
    }

    /** A row with a monospaced text value (shapes, numbers). */
    public PropertyGrid mono(String name, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        return node(name, valueLabel(value, true));
    }

    public PropertyGrid node(String name, Node value) {
        if (current == null) {
            section("");
        }
        Label label = new Label(name);
        label.getStyleClass().add("property-name");
        label.setWrapText(true);
        GridPane.setValignment(label, VPos.TOP);
        if (value instanceof javafx.scene.layout.Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
            r.setMinWidth(0);
        }
        current.add(label, 0, row);
        current.add(value, 1, row);
        row++;
        return this;
    }

    /** A line of muted text spanning the section (e.g. "no attributes"). */
    public PropertyGrid note(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("muted");
        l.setWrapText(true);
        if (current == null) {
            getChildren().add(l);
        } else {
            current.add(l, 0, row++, 2, 1);
        }
        return this;
    }

    static Label valueLabel(String value, boolean mono) {
        Label v = new Label(value);
        v.getStyleClass().add("property-value");
        if (mono) {
            v.getStyleClass().add("mono");
        }
        v.setWrapText(true);
        v.setMaxWidth(Double.MAX_VALUE);
        v.setMinWidth(0);
        return v;
    }
}
