package org.leakscope.ingest;

import org.leakscope.ingest.archive.ArchiveReader;
import org.leakscope.ingest.documents.DocumentParser;
import org.leakscope.ingest.mail.MailParser;
import org.leakscope.ingest.mail.MboxReader;
import org.leakscope.ingest.records.CsvReader;
import org.leakscope.ingest.records.JsonReader;

/**
 * One reader per format, built once per task from the limits and shared by every file the task reads (the readers
 * keep no state between units; building them per file cost more than parsing a small message).
 */
public record Readers(
    Limits limits, MailParser mail, MboxReader mbox, CsvReader csv, JsonReader json, DocumentParser documents,
    ArchiveReader archives) {
  public static Readers of(Limits limits) {
    return new Readers(
        limits, new MailParser(limits), new MboxReader(limits), new CsvReader(limits), new JsonReader(limits),
        new DocumentParser(limits), new ArchiveReader(limits));
  }
}
