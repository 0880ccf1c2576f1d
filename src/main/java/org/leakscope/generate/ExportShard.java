package org.leakscope.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One shard of the user and contact exports: the staff of companies [first, first + count) as rows of
 * {@code exports/NNNNN/users.csv} and records of {@code exports/NNNNN/contacts.jsonl}, the same person written in
 * different ways (login as {@code user}, {@code DOMAIN\\user} or {@code user@domain}; case and whitespace variants;
 * "Last, First" or "First Last"), and some rows exported twice, byte for byte. Counted by construction.
 */
final class ExportShard {
  private static final long EXPORT = 20;

  /** What a shard wrote. Record counts are per record set (the export's file name without extension). */
  record Result(
      long files, long bytes, long users, long usersUnique, long contacts, long contactsUnique, long freeMail,
      EntityTally entities) {}

  /** A line of users.csv and what it mentions, counted each time the line is written. */
  private record UserRow(String line, World.Person person, String login, boolean loginIsAddress, String email,
      String company) {
    void count(EntityTally tally) {
      tally.login(login, normalizedLogin(person, login));
      if (loginIsAddress) {
        tally.address(login.strip(), person.address());
      }
      tally.address(email, person.address());
      tally.company(company, Names.base(person.company()));
    }
  }

  /** A line of contacts.jsonl and what it mentions. */
  private record ContactRow(String line, World.Person person, String work, String personal, String company) {
    void count(EntityTally tally) {
      tally.address(work, person.address());
      if (personal != null) {
        tally.address(personal, personal);
      }
      tally.company(company, Names.base(person.company()));
    }
  }

  private final World world;
  private final long seed;
  private final DumpTree dump;
  private final int shard;
  private final int first;
  private final int count;

  ExportShard(World world, long seed, DumpTree dump, int shard, int first, int count) {
    this.world = world;
    this.seed = seed;
    this.dump = dump;
    this.shard = shard;
    this.first = first;
    this.count = count;
  }

  Result write() throws IOException {
    StringBuilder users = new StringBuilder("user_id,login,display_name,email,company,country\n");
    StringBuilder contacts = new StringBuilder();
    long userRows = 0;
    long userUnique = 0;
    long contactRows = 0;
    long contactUnique = 0;
    long freeMail = 0;
    EntityTally tally = new EntityTally();
    for (int c = first; c < first + count; c++) {
      World.Company company = world.company(c);
      for (int j = 0; j < company.staff(); j++) {
        World.Person p = world.person(company, j);
        SplittableRandom r = Rng.of(seed, EXPORT, ((long) c << 8) | j);
        UserRow row = userRow(p, r);
        users.append(row.line());
        row.count(tally);
        userRows++;
        userUnique++;
        if (r.nextInt(100) < 8) {
          users.append(row.line()); // the same row exported twice: an exact duplicate record
          row.count(tally);
          userRows++;
        }
        if (r.nextInt(100) < 60) {
          // One in ten contacts also gives a personal free-mail address: a person, not a company.
          String personal = r.nextInt(10) == 0 ? Names.freeMail(p, r) : null;
          ContactRow contact = contact(p, personal, r);
          contacts.append(contact.line());
          contact.count(tally);
          contactRows++;
          contactUnique++;
          if (personal != null) {
            freeMail++;
          }
          if (r.nextInt(100) < 5) {
            contacts.append(contact.line());
            contact.count(tally);
            contactRows++;
          }
        }
      }
    }
    String dir = "exports/" + String.format("%05d", shard) + "/";
    DumpFiles out = new DumpFiles(dump);
    out.write(dir + "users.csv", users.toString().getBytes(StandardCharsets.UTF_8));
    out.write(dir + "contacts.jsonl", contacts.toString().getBytes(StandardCharsets.UTF_8));
    return new Result(
        out.files(), out.bytes(), userRows, userUnique, contactRows, contactUnique, freeMail, tally);
  }

  private static UserRow userRow(World.Person p, SplittableRandom r) {
    int form = r.nextInt(3);
    String login =
        switch (form) {
          case 0 -> p.login();
          case 1 -> netbios(p.company()) + "\\" + p.login();
          default -> p.address();
        };
    login = caseVariant(login, r);
    if (r.nextInt(10) == 0) {
      login = " " + login + " ";
    }
    String name = r.nextBoolean() ? p.first() + " " + p.last() : p.last() + ", " + p.first();
    String email = r.nextInt(4) == 0 ? p.address().toUpperCase(Locale.ROOT) : p.address();
    long id = 100_000L + (((long) p.company().index()) << 6) + p.index();
    String company = Names.company(p.company(), r);
    String line = id + "," + csv(login) + "," + csv(name) + "," + csv(email) + "," + csv(company)
        + "," + csv(Names.country(p.company().country(), r)) + "\n";
    return new UserRow(line, p, login, form == 2, email, company);
  }

  /**
   * A login as leakscope's rules must normalize it: lower case, and the {@code DOMAIN\\user} and
   * {@code user@domain} forms unified to {@code domain\\user}, the qualifier being the NetBIOS name (the domain's
   * first label, at most 15 characters) that {@link #netbios} writes.
   */
  private static String normalizedLogin(World.Person p, String login) {
    String plain = login.strip().toLowerCase(Locale.ROOT);
    return plain.equals(p.login()) ? plain : netbios(p.company()).toLowerCase(Locale.ROOT) + "\\" + p.login();
  }

  /** A contact record; {@code personal} is a free-mail address of the person's, or null. */
  private static ContactRow contact(World.Person p, String personal, SplittableRandom r) {
    String work = caseVariant(p.address(), r);
    String emails = "\"" + json(work) + "\"" + (personal == null ? "" : ",\"" + personal + "\"");
    String phone = Names.phone(p, r);
    // One contact in five names no country: only the phone number (or the domain) implies it.
    String country = phone != null && r.nextInt(5) == 0 ? "" : ",\"country\":\"" + p.company().country() + "\"";
    String company = Names.company(p.company(), r);
    String line = "{\"name\":{\"first\":\"" + json(p.first()) + "\",\"last\":\"" + json(p.last()) + "\"},"
        + "\"emails\":[" + emails + "]," + (phone == null ? "" : "\"phone\":\"" + phone + "\",")
        + "\"company\":{\"name\":\"" + json(company) + "\",\"domains\":[\""
        + String.join("\",\"", p.company().domains()) + "\"]" + country + "}}\n";
    return new ContactRow(line, p, work, personal, company);
  }

  private static String netbios(World.Company c) {
    String label = c.domain().substring(0, c.domain().indexOf('.'));
    return label.substring(0, Math.min(15, label.length())).toUpperCase(Locale.ROOT);
  }

  private static String caseVariant(String s, SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> s.toUpperCase(Locale.ROOT);
      case 1 -> Character.toUpperCase(s.charAt(0)) + s.substring(1);
      default -> s;
    };
  }

  private static String csv(String v) {
    return v.contains(",") || v.contains("\"") || v.startsWith(" ") || v.endsWith(" ")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }

  private static String json(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"");
  }

}
