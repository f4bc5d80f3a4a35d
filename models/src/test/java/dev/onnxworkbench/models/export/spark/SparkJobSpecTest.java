package dev.onnxworkbench.models.export.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** job.json: predict-batch's saved job and the Spark job's own form, read the same way. */
class SparkJobSpecTest {
    @TempDir
    Path dir;

    @Test
    void predictBatchSavedJobBecomesTheSameSparkJob() throws Exception {
        Path job = Files.writeString(dir.resolve("job.json"), """
                {"version": 1, "model": "m.onnx", "source": {"file": "rows.csv"},
                 "sink": {"jdbc": "jdbc:sqlite:out.db", "table": "preds"}, "key": ["id"],
                 "mapping": {"age": "age_years"}, "shapes": {"x": [1, 3]}, "batch": 100,
                 "media": {"photo": {"kind": "image", "imageSize": "64x64", "scaling": "imagenet"}}}
                """);
        SparkJobSpec spec = SparkJobSpec.read(job);
        assertThat(spec.source().format()).isEqualTo(SparkJobSpec.Format.CSV);
        assertThat(Path.of(spec.source().path())).isEqualTo(dir.resolve("rows.csv").toAbsolutePath());
        assertThat(spec.sink().format()).isEqualTo(SparkJobSpec.Format.JDBC);
        assertThat(spec.sink().url()).isEqualTo("jdbc:sqlite:out.db");
        assertThat(spec.sink().table()).isEqualTo("preds");
        assertThat(spec.sink().mode()).isEqualTo("append");
        assertThat(spec.mapping()).isEqualTo(Map.of("age", "age_years"));
        assertThat(spec.shapes().get("x")).containsExactly(1, 3);
        assertThat(spec.batch()).isEqualTo(100);
        // The table sink's key and the path column's picture settings carry over, and survive the export's job.json.
        assertThat(spec.key()).containsExactly("id");
        assertThat(spec.media()).containsOnlyKeys("photo");
        SparkJobSpec again = SparkJobSpec.parse(spec.toJson(), "job.json");
        assertThat(again.key()).containsExactly("id");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(again.media().get("photo"))
                .path("scaling").asText()).isEqualTo("imagenet");
    }

    @Test
    void ownFormRoundTripsWithCategoriesAndNamesWhatIsMissing() throws Exception {
        SparkJobSpec spec = SparkJobSpec.parse("""
                {"model": "m.onnx", "source": {"path": "in.parquet"}, "sink": {"path": "out.jsonl"},
                 "mapping": {"x": "features"}}
                """, "job.json").withCategories(Map.of("sex", List.of("female", "male")));
        SparkJobSpec again = SparkJobSpec.parse(spec.toJson(), "job.json");
        assertThat(again.source().format()).isEqualTo(SparkJobSpec.Format.PARQUET);
        assertThat(again.sink().format()).isEqualTo(SparkJobSpec.Format.JSONL);
        assertThat(again.sink().mode()).isEqualTo("overwrite");
        assertThat(again.mapping()).isEqualTo(Map.of("x", "features"));
        assertThat(again.categories()).isEqualTo(Map.of("sex", List.of("female", "male")));
        assertThatThrownBy(() -> SparkJobSpec.parse("{\"source\": {\"path\": \"in.txt\"}, \"sink\": {\"path\": "
                + "\"o.csv\"}}", "job.json")).isInstanceOf(WorkbenchException.class).hasMessageContaining("in.txt")
                .hasMessageContaining("format");
    }
}
