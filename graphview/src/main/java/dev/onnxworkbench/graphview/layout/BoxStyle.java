package dev.onnxworkbench.graphview.layout;

import dev.onnxworkbench.graphview.DiagramNode;
import dev.onnxworkbench.graphview.DiagramRow;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * The typography and box metrics shared by layout (sizes) and painting (positions of text), so the
 * two can never disagree. All values are in world units (pixels at 100 % zoom).
 */
public final class BoxStyle {
    public static final double HEADER_HEIGHT = 20;
    public static final double SUBTITLE_HEIGHT = 12;
    public static final double ROW_HEIGHT = 14;
    public static final double BODY_PADDING = 4;
    public static final double TEXT_INSET = 8;
    public static final double MIN_WIDTH = 36;
    public static final double CORNER = 5;

    private final TextMeasurer title;
    private final TextMeasurer subtitle;
    private final TextMeasurer row;
    private final TextMeasurer rowBold;
    private final TextMeasurer edgeLabel;
    private final TextMeasurer edgeLabelBold;

    private BoxStyle(String family) {
        this.title = new TextMeasurer(Font.font(family, FontWeight.NORMAL, 11));
        this.subtitle = new TextMeasurer(Font.font(family, FontWeight.NORMAL, 9));
        this.row = new TextMeasurer(Font.font(family, FontWeight.NORMAL, 10));
        this.rowBold = new TextMeasurer(Font.font(family, FontWeight.BOLD, 10));
        this.edgeLabel = new TextMeasurer(Font.font(family, FontWeight.NORMAL, 9));
        this.edgeLabelBold = new TextMeasurer(Font.font(family, FontWeight.BOLD, 9));
    }

    private static volatile BoxStyle standard;

    /** The style every view and export uses; measured once per JVM (needs the JavaFX toolkit started). */
    public static BoxStyle standard() {
        BoxStyle s = standard;
        if (s == null) {
            synchronized (BoxStyle.class) {
                s = standard;
                if (s == null) {
                    standard = s = new BoxStyle(Font.getDefault().getFamily());
                }
            }
        }
        return s;
    }

    public TextMeasurer title() {
        return title;
    }

    public TextMeasurer subtitle() {
        return subtitle;
    }

    public TextMeasurer row() {
        return row;
    }

    public TextMeasurer rowBold() {
        return rowBold;
    }

    public TextMeasurer edgeLabel() {
        return edgeLabel;
    }

    /** Edge labels replaced by a decoration (an actual shape). */
    public TextMeasurer edgeLabelBold() {
        return edgeLabelBold;
    }

    /** Weight rows read "W ⟨64×3×7×7⟩" with a bold name; attribute rows "kernel_shape = 3,3". */
    public static String rowValueText(DiagramRow r) {
        return r.kind() == DiagramRow.Kind.WEIGHT ? " " + r.value() : " = " + r.value();
    }

    public boolean hasHeaderOnly(DiagramNode n) {
        return n.rows().isEmpty();
    }

    public double headerHeight(DiagramNode n) {
        return HEADER_HEIGHT + (n.subtitle().isEmpty() ? 0 : SUBTITLE_HEIGHT);
    }

    public double width(DiagramNode n) {
        double w = title.width(n.title()) + 2 * TEXT_INSET + (n.expandable() ? 14 : 0);
        if (!n.subtitle().isEmpty()) {
            w = Math.max(w, subtitle.width(n.subtitle()) + 2 * TEXT_INSET);
        }
        for (DiagramRow r : n.rows()) {
            w = Math.max(w, rowBold.width(r.name()) + row.width(rowValueText(r)) + 2 * TEXT_INSET - 2);
        }
        return Math.ceil(Math.max(MIN_WIDTH, w));
    }

    public double height(DiagramNode n) {
        double h = headerHeight(n);
        if (!n.rows().isEmpty()) {
            h += n.rows().size() * ROW_HEIGHT + 2 * BODY_PADDING;
        }
        return h;
    }
}
