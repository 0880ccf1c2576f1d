package org.leakscope.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One shard of the mail: logical messages [first, first + count), each stored as several copies (the sender's Sent
 * folder, every recipient's Inbox, sometimes an archive folder) with differing envelopes and transfer encodings but
 * the same content. Replies and forwards point at earlier messages of the same shard, so shards are independent
 * and can be written in parallel. Everything written is counted here, by construction, for the ground truth.
 */
final class MailShard {
  private static final long MESSAGE = 10;
  private static final long COPY = 11;
  private static final Instant START = Instant.parse("2017-01-02T00:00:00Z");
  private static final long SPAN_SECONDS = Instant.parse("2022-08-31T00:00:00Z").getEpochSecond()
      - START.getEpochSecond();
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

  enum Kind {
    ORIGINAL,
    REPLY,
    FORWARD
  }

  /** A logical message: what every stored copy of it says. */
  record Message(
      long index, Kind kind, long parent, World.Person from, List<World.Person> to, Instant date, String subject,
      String body, List<String> references) {
    /** The Message-ID of this message's copy in {@code owner}'s mailbox (copy 0 is the sender's). */
    String messageId(int copy, World.Person owner, long seed) {
      return "<" + index + "." + copy + "." + Long.toHexString(seed) + "@mail." + owner.company().domain() + ">";
    }
  }

  /** What a shard wrote, by construction. */
  record Result(
      long files, long bytes, long copies, long messages, long originals, long replies, long forwards,
      long inclusive, Map<String, Long> copiesByFolder,
      long clusters, EntityTally entities) {}

  private final World world;
  private final long seed;
  private final int shard;
  /** The shard's number as written in file names ({@code 00042}). */
  private final String shardName;
  private final long first;
  private final int count;
  private final Map<String, ByteArrayOutputStream> mboxes = new LinkedHashMap<>();
  private final Map<String, Integer> mboxMessages = new LinkedHashMap<>();
  private final ZipBuilder archive = new ZipBuilder();
  private final DumpFiles out;
  private final Path clusterFile;
  private long copies;
  private final EntityTally entities = new EntityTally();
  private final Map<String, Long> byFolder = new java.util.TreeMap<>();

  MailShard(World world, long seed, DumpTree dump, Path clusterFile, int shard, long first, int count) {
    this.world = world;
    this.seed = seed;
    this.out = new DumpFiles(dump);
    this.clusterFile = clusterFile;
    this.shard = shard;
    this.shardName = String.format("%05d", shard);
    this.first = first;
    this.count = count;
  }

  Result write() throws IOException {
    List<Message> messages = new ArrayList<>(count);
    Map<Long, List<String>> copyLocators = new LinkedHashMap<>();
    Map<Long, List<Long>> forwardsOf = new LinkedHashMap<>();
    long originals = 0;
    long replies = 0;
    long forwards = 0;
    // Texts that some message contains: a reply quotes its parent, a forward contains it, and so on up the chain.
    java.util.Set<String> contained = new java.util.HashSet<>();
    for (int k = 0; k < count; k++) {
      Message m = message(first + k, messages);
      messages.add(m);
      for (long p = m.parent(); p >= 0; p = messages.get((int) (p - first)).parent()) {
        contained.add(messages.get((int) (p - first)).body());
      }
      switch (m.kind()) {
        case ORIGINAL -> originals++;
        case REPLY -> replies++;
        case FORWARD -> {
          forwards++;
          forwardsOf.computeIfAbsent(m.parent(), p -> new ArrayList<>()).add(m.index());
        }
      }
      copyLocators.put(m.index(), store(m));
    }
    for (Map.Entry<String, ByteArrayOutputStream> e : mboxes.entrySet()) {
      out.write(e.getKey(), e.getValue().toByteArray());
    }
    if (!archive.isEmpty()) {
      out.write(archivePath(), archive.finish());
    }
    // Near-duplicate clusters: an original and its forwards (a banner line added), every stored copy of each.
    // Written to the shard's own file, so the ground truth does not pile up in memory as the scale grows.
    StringBuilder clusters = new StringBuilder();
    long clusterCount = 0;
    for (Map.Entry<Long, List<Long>> e : forwardsOf.entrySet()) {
      StringBuilder sb = new StringBuilder("{\"cluster\":\"msg-").append(e.getKey()).append("\",\"members\":[");
      List<String> members = new ArrayList<>(copyLocators.get(e.getKey()));
      for (long f : e.getValue()) {
        members.addAll(copyLocators.get(f));
      }
      for (int i = 0; i < members.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(members.get(i));
      }
      clusters.append(sb.append("]}\n"));
      clusterCount++;
    }
    Files.writeString(clusterFile, clusters);
    return new Result(
        out.files(), out.bytes(), copies, count, originals, replies, forwards,
        messages.stream().filter(m -> !contained.contains(m.body())).count(), byFolder, clusterCount, entities);
  }

  private Message message(long index, List<Message> earlier) {
    SplittableRandom r = Rng.of(seed, MESSAGE, index);
    int roll = r.nextInt(100);
    Kind kind = earlier.isEmpty() || roll < 65 ? Kind.ORIGINAL : roll < 88 ? Kind.REPLY : Kind.FORWARD;
    Message parent = null;
    if (kind != Kind.ORIGINAL) {
      parent = earlier.get(r.nextInt(earlier.size()));
      if (kind == Kind.FORWARD && parent.kind() != Kind.ORIGINAL) {
        kind = Kind.REPLY; // forwards are only of originals, so clusters stay one level deep
      }
    }
    Instant date = START.plusSeconds((long) (r.nextDouble() * SPAN_SECONDS));
    if (parent != null) {
      date = parent.date().plusSeconds(600 + r.nextInt(3 * 86_400)); // answered or passed on within three days
    }
    return switch (kind) {
      case ORIGINAL -> {
        World.Person from = world.randomPerson(r);
        List<World.Person> to = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        while (to.size() < n) {
          World.Person p = world.randomPerson(r);
          if (!p.address().equals(from.address()) && to.stream().noneMatch(q -> q.address().equals(p.address()))) {
            to.add(p);
          }
        }
        String subject = Rng.pick(r, Words.TOPICS) + " for " + from.company().name() + " (" + code(r) + ")";
        yield new Message(
            index, kind, -1, from, to, date, subject, body(r, to.get(0), from, 2 + r.nextInt(3)), List.of());
      }
      case REPLY -> {
        World.Person from = parent.to().get(0);
        List<World.Person> to = List.of(parent.from());
        String quoted =
            "\n\n-----Original Message-----\nFrom: " + parent.from().displayName() + "\nSent: "
                + RFC_2822.format(parent.date()) + "\nTo: " + parent.to().get(0).displayName() + "\nSubject: "
                + parent.subject() + "\n\n" + parent.body();
        String subject = parent.subject().startsWith("Re: ") ? parent.subject() : "Re: " + parent.subject();
        // The reply names the copy its author received (copy 1 is the first recipient's), after the parent's own.
        List<String> references = new ArrayList<>(parent.references());
        references.add(parent.messageId(1, from, seed));
        yield new Message(index, kind, parent.index(), from, to, date, subject,
            body(r, to.get(0), from, 2 + r.nextInt(2)) + quoted, references);
      }
      case FORWARD -> {
        World.Person from = parent.to().get(0);
        World.Person other = world.randomPerson(r);
        List<World.Person> to = List.of(other.address().equals(from.address()) ? parent.from() : other);
        // Like many clients, the forward names no parent: only its subject and participants tie it to one.
        yield new Message(index, kind, parent.index(), from, to, date, "Fwd: " + parent.subject(),
            "FYI, see below.\n\n" + parent.body(), List.of());
      }
    };
  }

  private static String code(SplittableRandom r) {
    return "PRJ-" + (1000 + r.nextInt(9000));
  }

  private static String body(SplittableRandom r, World.Person to, World.Person from, int paragraphs) {
    StringBuilder sb = new StringBuilder("Hi ").append(to.first()).append(",\n\n");
    for (int p = 0; p < paragraphs; p++) {
      int sentences = 2 + r.nextInt(4);
      for (int s = 0; s < sentences; s++) {
        int words = 6 + r.nextInt(10);
        for (int w = 0; w < words; w++) {
          String word = Rng.pick(r, Words.VOCAB);
          if (w == 0) {
            sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
          } else {
            sb.append(' ').append(word);
          }
        }
        sb.append(s == sentences - 1 ? ".\n" : ". ");
      }
      sb.append('\n');
    }
    return sb.append("Best regards,\n").append(from.displayName()).append('\n').append(from.company().name())
        .toString();
  }

  /** Writes every stored copy of a message and returns their locators as JSON objects. */
  private List<String> store(Message m) throws IOException {
    List<String> locators = new ArrayList<>();
    int copy = 0;
    locators.add(storeCopy(m, m.from(), "sent", copy++));
    for (World.Person p : m.to()) {
      locators.add(storeCopy(m, p, "inbox", copy++));
    }
    if (Rng.of(seed, COPY, m.index()).nextInt(10) < 3) {
      locators.add(storeCopy(m, m.from(), "all_documents", copy++));
    }
    return locators;
  }

  private String storeCopy(Message m, World.Person owner, String folder, int copy) throws IOException {
    SplittableRandom r = Rng.of(seed, COPY, m.index() * 16 + copy);
    byte[] message = render(m, owner, folder, copy, r);
    copies++;
    byFolder.merge(folder, 1L, Long::sum);
    // Every stored copy names its sender and recipients in its headers (bodies and signatures name no address).
    entities.address(m.from().address(), m.from().address());
    if (m.kind() != Kind.FORWARD) {
      // The sender's own text ends with a signature naming its employer as registered (a forward's text is
      // its original's, whose signature is someone else's).
      entities.company(m.from().company().name(), Names.base(m.from().company()));
    }
    for (World.Person p : m.to()) {
      entities.address(p.address(), p.address());
    }
    String base = "mail/" + owner.company().domain() + "/" + owner.login() + "/";
    switch (storage(owner)) {
      case 0 -> {
        String path = base + folder + "-" + shardName + ".mbox";
        ByteArrayOutputStream mbox = mboxes.computeIfAbsent(path, p -> new ByteArrayOutputStream());
        int n = mboxMessages.merge(path, 1, Integer::sum);
        long offset = mbox.size();
        String separator = "From " + m.from().address() + " " + ASCTIME.format(m.date()) + "\n";
        mbox.write(separator.getBytes(StandardCharsets.US_ASCII));
        mbox.write(escapeFrom(message));
        mbox.write('\n');
        return locator(path, "#msg=" + n + "@" + offset, m);
      }
      default -> {
        // .eml files, or maildir style without an extension
        String path = base + folder + "/" + m.index() + "_" + copy + (storage(owner) == 1 ? ".eml" : "");
        if (archived(owner)) {
          archive.add(path, message);
          return locator(archivePath(), "!/" + path, m);
        }
        out.write(path, message);
        return locator(path, "", m);
      }
    }
  }

  /** One in five people whose mail is kept as files had their mailbox zipped (one zip per shard). */
  private boolean archived(World.Person p) {
    return Math.floorMod(Rng.mix(seed ^ (31L * p.address().hashCode())), 5L) == 0;
  }

  private String archivePath() {
    return "archives/mail-" + shardName + ".zip";
  }

  /** How a person's mailbox is kept: 0 mbox files, 1 .eml files, 2 extensionless maildir files. */
  private int storage(World.Person p) {
    return (int) Math.floorMod(Rng.mix(seed ^ p.address().hashCode()), 3L);
  }

  /** A stored copy in the clusters file: where it is, and which logical message it is a copy of. */
  private static String locator(String path, String locator, Message m) {
    return "{\"source_path\":\"" + path + "\",\"locator\":\"" + locator + "\",\"unit\":\"msg-" + m.index()
        + "\"}";
  }

  private byte[] render(Message m, World.Person owner, String folder, int copy, SplittableRandom r) {
    StringBuilder h = new StringBuilder();
    String host = "mx" + (1 + r.nextInt(9)) + "." + owner.company().domain();
    h.append("Received: from ").append(host).append(" by mail.").append(owner.company().domain())
        .append(" with ESMTP id ").append(Long.toHexString(r.nextLong())).append(";\n\t")
        .append(RFC_2822.format(m.date().plusSeconds(r.nextInt(120)))).append('\n');
    h.append("Message-ID: ").append(m.messageId(copy, owner, seed)).append('\n');
    if (!m.references().isEmpty()) {
      h.append("In-Reply-To: ").append(m.references().get(m.references().size() - 1)).append('\n');
      h.append("References: ").append(String.join("\n\t", m.references())).append('\n');
    }
    h.append("Date: ").append(RFC_2822.format(m.date())).append('\n');
    h.append("From: ").append(mailbox(m.from())).append('\n');
    h.append("To: ");
    for (int i = 0; i < m.to().size(); i++) {
      h.append(i == 0 ? "" : ",\n\t").append(mailbox(m.to().get(i)));
    }
    h.append('\n');
    h.append("Subject: ").append(Mime.isAscii(m.subject()) ? m.subject() : encodedWord(m.subject())).append('\n');
    h.append("X-Folder: \\\\").append(owner.login()).append("\\").append(folder).append('\n');
    h.append("MIME-Version: 1.0\n");
    // The headers are built as text and encoded here; the body's bytes, in each transfer encoding, are made once
    // per message (Encoded) and copied into every stored copy as they are.
    Encoded body = encoded(m);
    ByteArrayOutputStream out = new ByteArrayOutputStream(h.length() + 2 * m.body().length() + 512);
    switch (r.nextInt(4)) {
      case 0 -> {
        h.append("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: ")
            .append(body.ascii() ? "7bit" : "8bit").append("\n\n");
        out.writeBytes(utf8(h));
        out.writeBytes(body.plain());
      }
      case 1 -> {
        h.append("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n");
        out.writeBytes(utf8(h));
        out.writeBytes(body.quotedPrintable());
      }
      case 2 -> {
        h.append("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n");
        out.writeBytes(utf8(h));
        out.writeBytes(body.base64());
      }
      default -> {
        String boundary = "=_alt_" + Long.toHexString(r.nextLong());
        h.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\n\n")
            .append("--").append(boundary).append('\n')
            .append("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n");
        out.writeBytes(utf8(h));
        out.writeBytes(body.quotedPrintable());
        out.writeBytes(usAscii("\n--" + boundary + "\n"
            + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"));
        out.writeBytes(body.html());
        out.writeBytes(usAscii("\n--" + boundary + "--\n"));
      }
    }
    return out.toByteArray();
  }

  private static byte[] utf8(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] usAscii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A message's body in each transfer encoding, made once for all its stored copies (which are rendered one after
   * the other) and only when a copy asks for it.
   */
  private final class Encoded {
    private final Message message;
    private byte[] plain;
    private byte[] quotedPrintable;
    private byte[] base64;
    private byte[] html;
    private Boolean ascii;

    Encoded(Message message) {
      this.message = message;
    }

    boolean ascii() {
      if (ascii == null) {
        ascii = Mime.isAscii(message.body());
      }
      return ascii;
    }

    /** The body and a line feed, as UTF-8 (7bit or 8bit). */
    byte[] plain() {
      if (plain == null) {
        plain = utf8(message.body() + "\n");
      }
      return plain;
    }

    byte[] quotedPrintable() {
      if (quotedPrintable == null) {
        quotedPrintable = Mime.quotedPrintableBytes(message.body() + "\n");
      }
      return quotedPrintable;
    }

    byte[] base64() {
      if (base64 == null) {
        base64 = usAscii(Mime.base64(message.body() + "\n"));
      }
      return base64;
    }

    byte[] html() {
      if (html == null) {
        html = Mime.quotedPrintableBytes(Mime.html(message.body()));
      }
      return html;
    }
  }

  private Encoded encoded;

  private Encoded encoded(Message m) {
    if (encoded == null || encoded.message != m) {
      encoded = new Encoded(m);
    }
    return encoded;
  }

  private static String mailbox(World.Person p) {
    String name = p.displayName();
    return (Mime.isAscii(name) ? "\"" + name + "\"" : encodedWord(name)) + " <" + p.address() + ">";
  }

  private static String encodedWord(String text) {
    return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
  }

  /** mboxrd: a line starting with any number of '>' and then "From " gets one more '>'. */
  private static byte[] escapeFrom(byte[] message) {
    if (!hasFromLine(message)) {
      return message;
    }
    String s = new String(message, StandardCharsets.UTF_8);
    return s.replaceAll("(?m)^(>*From )", ">$1").getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

  /** Whether a line of the message starts with any number of '>' and then "From " (a byte scan, no decoding). */
  private static boolean hasFromLine(byte[] m) {
    int start = 0;
    while (start < m.length) {
      int i = start;
      while (i < m.length && m[i] == '>') {
        i++;
      }
      if (i + FROM.length <= m.length && java.util.Arrays.equals(m, i, i + FROM.length, FROM, 0, FROM.length)) {
        return true;
      }
      while (i < m.length && m[i] != '\n') {
        i++;
      }
      start = i + 1;
    }
    return false;
  }


}
