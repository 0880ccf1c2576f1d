package org.leakscope.bi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SampleRun;

/**
 * Every notebook of {@code notebooks/} executed end to end with {@code jupyter nbconvert --execute} against a fresh
 * run of the sample, as a reader would run it: a notebook that raises fails the build. Needs the README's Debian
 * packages (python3-pandas, python3-matplotlib, jupyter-nbconvert, python3-ipykernel), which {@code .ci/run}
 * installs.
 */
class NotebooksTest {
  private static final List<String> NOTEBOOKS =
      List.of("reconciliation.ipynb", "near-duplicates.ipynb", "company-impact.ipynb");

  @TempDir Path tmp;

  @Test
  void everyNotebookRunsOnASampleRunAndDrawsItsCharts() throws Exception {
    Path notebooks = Paths.repo().resolve("notebooks");
    try (var files = Files.list(notebooks)) {
      assertEquals(NOTEBOOKS.stream().sorted().toList(), files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".ipynb")).sorted().toList(), "the notebooks tested are all of notebooks/");
    }
    Path run = SampleRun.get().run;
    List<String> command = new ArrayList<>(List.of(jupyter(), "nbconvert", "--to", "notebook", "--execute",
        "--output-dir", tmp.toString(), "--ExecutePreprocessor.timeout=300"));
    command.addAll(NOTEBOOKS);
    ProcessBuilder pb = new ProcessBuilder(command).directory(notebooks.toFile()).redirectErrorStream(true);
    pb.environment().put("LEAKSCOPE_RUN", run.toAbsolutePath().toString());
    pb.environment().remove("LEAKSCOPE_COMPANY");
    pb.environment().remove("LEAKSCOPE_CLUSTER");
    // The kernel draws inline (its own backend); a backend chosen from outside would swallow the figures.
    pb.environment().remove("MPLBACKEND");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "nbconvert finished");
    assertEquals(0, p.exitValue(), "jupyter nbconvert --execute failed:\n" + log);

    for (String name : NOTEBOOKS) {
      JsonNode executed = new ObjectMapper().readTree(tmp.resolve(name).toFile());
      int figures = 0;
      int codeCells = 0;
      for (JsonNode cell : executed.get("cells")) {
        if (!"code".equals(cell.get("cell_type").asText())) {
          continue;
        }
        codeCells++;
        assertTrue(cell.get("execution_count").isNumber(), name + ": every code cell ran");
        for (JsonNode output : cell.get("outputs")) {
          assertTrue(!"error".equals(output.path("output_type").asText()), name + ": " + output);
          if (output.path("data").has("image/png")) {
            figures++;
          }
        }
      }
      assertTrue(codeCells > 3, name);
      assertTrue(figures >= 2, name + " draws its charts: " + figures);
    }
  }

  @Test
  void committedNotebooksCarryNoOutputs() throws IOException {
    for (String name : NOTEBOOKS) {
      JsonNode nb = new ObjectMapper().readTree(Paths.repo().resolve("notebooks").resolve(name).toFile());
      for (JsonNode cell : nb.get("cells")) {
        if ("code".equals(cell.get("cell_type").asText())) {
          assertEquals(0, cell.get("outputs").size(), name + ": outputs are not committed");
          assertTrue(cell.get("execution_count").isNull(), name);
        }
      }
    }
  }

  /** Debian's jupyter (its kernel runs /usr/bin/python3, which has Debian's pandas and matplotlib). */
  private static String jupyter() {
    for (String candidate : List.of("/usr/bin/jupyter", "/usr/local/bin/jupyter")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new AssertionError("jupyter is not installed: apt-get install -y --no-install-recommends python3-pandas "
        + "python3-matplotlib jupyter-nbconvert python3-ipykernel (README, Prerequisites)");
  }
}
