package org.leakscope.generate;

import java.util.Set;
import java.util.TreeSet;

/**
 * Every member of staff of a generated world (the ground truth's people): their addresses, logins and display
 * names, recomputed from the seed as the generator does. A superset of who appears in a dump.
 */
public final class GroundTruthPeople {
  public final Set<String> addresses = new TreeSet<>();
  public final Set<String> logins = new TreeSet<>();
  public final Set<String> names = new TreeSet<>();

  public GroundTruthPeople(long seed, int companies) {
    World world = new World(seed, companies);
    for (int i = 0; i < companies; i++) {
      World.Company c = world.company(i);
      for (int j = 0; j < c.staff(); j++) {
        World.Person p = world.person(c, j);
        addresses.add(p.address());
        logins.add(p.login());
        names.add(p.displayName());
      }
    }
  }
}
