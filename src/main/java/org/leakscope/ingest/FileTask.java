package org.leakscope.ingest;

import java.io.Serializable;

/**
 * One input file to ingest.
 *
 * @param uri  the file's full URI
 * @param path the file's path relative to the input root (the input's own name when the input is a file)
 * @param size the file's size in bytes
 */
public record FileTask(String uri, String path, long size) implements Serializable {}
