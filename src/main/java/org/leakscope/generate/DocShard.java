package org.leakscope.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One shard of business documents (statements of work, proofs of execution, quotes). A document family starts
 * from its kind's template (boilerplate shared by every family of that kind) plus text of its own, and has one to
 * three versions, each the previous one with one or two words changed: the versions of a family are near copies,
 * two families are not, however much boilerplate they share. Each version is one file (text, HTML, PDF or DOCX),
 * sometimes stored a second time, byte for byte, in an archive folder: an exact copy.
 */
final class DocShard {
  private static final long FAMILY = 30;
  private static final String[] KINDS = {"SOW", "PoE", "Quote"};
  private static final String[] TITLES = {"Statement of Work", "Proof of Execution", "Quotation"};
  private static final String[] EXTENSIONS = {"txt", "html", "pdf", "docx"};

  /** What a shard wrote. */
  record Result(long files, long bytes, long versions, long families, long documents, long clusters) {}

  private final World world;
  private final long seed;
  private final long first;
  private final int count;
  private final ZipBuilder outer = new ZipBuilder();
  private final ZipBuilder inner = new ZipBuilder();
  private final DumpFiles out;
  private final Path clusterFile;
  private long documentFiles;

  DocShard(World world, long seed, DumpTree dump, Path clusterFile, long first, int count) {
    this.world = world;
    this.seed = seed;
    this.out = new DumpFiles(dump);
    this.clusterFile = clusterFile;
    this.first = first;
    this.count = count;
  }

  Result write() throws IOException {
    long versions = 0;
    StringBuilder clusters = new StringBuilder();
    long clusterCount = 0;
    for (long f = first; f < first + count; f++) {
      SplittableRandom r = Rng.of(seed, FAMILY, f);
      int kind = r.nextInt(KINDS.length);
      World.Company company = world.company(r.nextInt(world.companies()));
      String code = "PRJ-" + (1000 + r.nextInt(9000)) + "-" + f;
      List<String> own = new ArrayList<>();
      int paragraphs = 4 + r.nextInt(3);
      for (int p = 0; p < paragraphs; p++) {
        own.add(sentences(r, 3 + r.nextInt(3)));
      }
      int versionCount = 1 + r.nextInt(3);
      List<String> locators = new ArrayList<>();
      for (int v = 1; v <= versionCount; v++) {
        if (v > 1) {
          int p = r.nextInt(own.size());
          own.set(p, edit(r, own.get(p)));
        }
        List<String> body = new ArrayList<>();
        body.add("Customer: " + company.name() + ". Project " + code + ". Version " + v + ".");
        body.addAll(own);
        body.addAll(template(kind));
        String title = TITLES[kind] + " " + code;
        String ext = EXTENSIONS[r.nextInt(EXTENSIONS.length)];
        byte[] file =
            switch (ext) {
              case "txt" -> DocumentWriter.text(title, body);
              case "html" -> DocumentWriter.html(title, body);
              case "pdf" -> DocumentWriter.pdf(title, body);
              default -> DocumentWriter.docx(title, body);
            };
        String name = KINDS[kind] + "_" + code + "_v" + v + "." + ext;
        boolean zipped = f % 5 == 0; // a fifth of the families reached the bucket as a zip
        String path = "docs/" + company.domain() + "/" + name;
        String unit = "doc-" + f + "-v" + v;
        locators.add(zipped ? add(outer, path, file, "!/" + path, unit) : store(path, file, unit));
        versions++;
        if (r.nextInt(10) < 4) {
          String copy = "docs/archive/" + (2017 + (int) (f % 6)) + "/" + name;
          // In a zipped family the archive copy sits one level deeper, in a zip inside the zip.
          locators.add(zipped ? add(inner, copy, file, "!/archive.zip!/" + copy, unit) : store(copy, file, unit));
        }
      }
      if (versionCount > 1) {
        clusters.append("{\"cluster\":\"doc-").append(f).append("\",\"members\":[")
            .append(String.join(",", locators)).append("]}\n");
        clusterCount++;
      }
    }
    if (!inner.isEmpty()) {
      outer.add("archive.zip", inner.finish());
    }
    if (!outer.isEmpty()) {
      out.write(zipPath(), outer.finish());
    }
    java.nio.file.Files.writeString(clusterFile, clusters);
    return new Result(out.files(), out.bytes(), versions, this.count, documentFiles, clusterCount);
  }

  private String add(ZipBuilder zip, String entry, byte[] content, String locator, String unit) throws IOException {
    zip.add(entry, content);
    documentFiles++;
    return member(zipPath(), locator, unit);
  }

  /** A document file in the clusters file: where it is, and which version of which family it is. */
  private static String member(String path, String locator, String unit) {
    return "{\"source_path\":\"" + path + "\",\"locator\":\"" + locator + "\",\"unit\":\"" + unit + "\"}";
  }

  /**
   * A small edit, as between two saved versions of a document: one or two neighbouring words of a paragraph
   * replaced (a date, an amount, a name would change like this).
   */
  private static String edit(SplittableRandom r, String paragraph) {
    String[] words = paragraph.split(" ");
    int changes = 1 + r.nextInt(2);
    int at = r.nextInt(words.length);
    for (int c = 0; c < changes && at + c < words.length; c++) {
      String old = words[at + c];
      String word = Rng.pick(r, Words.VOCAB);
      if (word.equals(old.replaceAll("\\W", ""))) {
        word = word + "s";
      }
      words[at + c] = old.endsWith(".") ? word + "." : word;
    }
    return String.join(" ", words);
  }

  private String zipPath() {
    return "archives/docs-" + String.format("%05d", first / Generator.SHARD_FAMILIES) + ".zip";
  }

  /** The boilerplate of a kind: the same words in every document of that kind, whatever the seed. */
  private static List<String> template(int kind) {
    SplittableRandom r = Rng.of(0, FAMILY, -1 - kind);
    List<String> out = new ArrayList<>();
    out.add("Terms and conditions. " + sentences(r, 3));
    out.add("Confidentiality. " + sentences(r, 2));
    return out;
  }

  private static String sentences(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < n; s++) {
      int words = 8 + r.nextInt(8);
      for (int w = 0; w < words; w++) {
        String word = Rng.pick(r, Words.VOCAB);
        sb.append(w == 0 ? (s == 0 ? "" : " ") + Character.toUpperCase(word.charAt(0)) + word.substring(1)
            : " " + word);
      }
      sb.append('.');
    }
    return sb.toString();
  }

  private String store(String relative, byte[] content, String unit) throws IOException {
    out.write(relative, content);
    documentFiles++;
    return member(relative, "", unit);
  }

}
