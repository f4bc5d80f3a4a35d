package dev.onnxworkbench.models.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.TinyModels;
import dev.onnxworkbench.models.samples.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The column mapping from the model's metadata: by name, --map, categories, free sizes from arrays or --shape. */
class ColumnMappingTest {
    @TempDir
    Path dir;

    @Test
    void mapOverridesByNameAndTheTableNamesTypesShapesAndCategories() throws Exception {
        Path model = SampleModels.weightChange(dir);
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            List<String> columns = List.of("id", "AGE", "years", "sex", "weight_kg", "daily_kcal", "activity_level",
                    "sleep_quality");
            ColumnMapping m = ColumnMapping.resolve(session.inputs(), ColumnMapping.categoriesOf(model), columns,
                    Map.of("age", "years"), Map.of());
            assertThat(m.bindings()).extracting(ColumnMapping.Binding::column).containsExactly("years", "sex",
                    "weight_kg", "daily_kcal", "activity_level", "sleep_quality");
            assertThat(m.overrides()).containsExactly(Map.entry("age", "years"));
            assertThat(m.bindings().get(1).categories()).containsExactly("female", "male");
            assertThat(m.describe()).contains("years").contains("--map").contains("[N,1]")
                    .contains("categories female, male");
            // by name, case folded (PostgreSQL lower-cases unquoted names)
            assertThat(ColumnMapping.resolve(session.inputs(), Map.of(), columns, Map.of(), Map.of()).bindings()
                    .getFirst().column()).isEqualTo("AGE");
            assertThatThrownBy(() -> ColumnMapping.resolve(session.inputs(), Map.of(), columns,
                    Map.of("age", "nope"), Map.of())).isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining("nope").hasMessageContaining("years");
            assertThatThrownBy(() -> ColumnMapping.resolve(session.inputs(), Map.of(), List.of("id", "sex"),
                    Map.of(), Map.of())).hasMessageContaining("weight_kg").hasMessageContaining("--map");
            assertThatThrownBy(() -> ColumnMapping.resolve(session.inputs(), Map.of(), columns,
                    Map.of("height", "x"), Map.of())).hasMessageContaining("height").hasMessageContaining("inputs");
        }
    }

    @Test
    void aFreeSizeComesFromTheFirstRowsArrayOrFromShape() throws Exception {
        Path model = TinyModels.freeWidthDoubler(dir);
        Path in = Files.writeString(dir.resolve("rows.jsonl"), """
                {"id": 1, "x": [1, 2, 3]}
                {"id": 2, "x": [0.5, 0, -1]}
                {"id": 3, "x": [1, 2]}
                """);
        try (ModelSession session = TestSessions.factory().open(model, ProviderSettings.cpu())) {
            ColumnMapping byArray = ColumnMapping.resolve(session.inputs(), Map.of(), List.of(), Map.of(), Map.of());
            assertThat(byArray.bindings().getFirst().shapeText()).isEqualTo("[N,?]");
            Path out = dir.resolve("out.csv");
            BatchSummary s = new BatchJobRunner(new BatchPredictor(session, byArray, 8)).run(new SourceSpec.File(in),
                    new SinkSpec.File(out), List.of(), false, BatchListener.NONE, () -> false);
            assertThat(s.errors()).isEqualTo(1);
            List<String> lines = Files.readAllLines(out);
            assertThat(lines.getFirst()).isEqualTo("id,x,y_0,y_1,y_2,error");
            assertThat(lines.get(1)).startsWith("1,\"[1,2,3]\",2.0,4.0,6.0,");
            assertThat(lines.get(3)).contains("'x' needs 3 values per row, not 2");

            ColumnMapping byShape = ColumnMapping.resolve(session.inputs(), Map.of(), List.of(), Map.of(),
                    Map.of("x", new long[] {1, 2}));
            assertThat(byShape.bindings().getFirst().shapeText()).isEqualTo("[N,2]");
            assertThatThrownBy(() -> ColumnMapping.resolve(session.inputs(), Map.of(), List.of(), Map.of(),
                    Map.of("x", new long[] {2}))).hasMessageContaining("dimensions");
        }
    }
}
