package dev.onnxworkbench.graphview;

import dev.onnxworkbench.graphview.layout.DiagramLayout;
import dev.onnxworkbench.graphview.render.Palette;

/**
 * What a view shows, for File ▸ Export: its layout (with the expanded bodies), its CSS-resolved colours
 * and its decorations. Take it on the FX thread with {@link GraphView#exportSnapshot()}, write it from
 * any thread with {@code DiagramExporter.writePng(snapshot, path)} or {@code writeSvg}.
 */
public record ExportSnapshot(DiagramLayout layout, Palette palette, Decorations decorations) {}
