package org.leakscope.dedup;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.leakscope.testing.ClusterQuality;
import org.leakscope.testing.SparkTestSession;

class ScaleQualityProbe {
  @Test
  @EnabledIfSystemProperty(named = "probe.run", matches = ".+")
  void probe() {
    Dataset<Row> c = SparkTestSession.get().read().parquet(System.getProperty("probe.run") + "/tables/item_clusters");
    var truth = ClusterQuality.truth(Path.of(System.getProperty("probe.truth")));
    for (String k : List.of("email", "document")) {
      System.out.println(k + " " + ClusterQuality.score(c, truth, List.of(k)));
    }
  }
}
