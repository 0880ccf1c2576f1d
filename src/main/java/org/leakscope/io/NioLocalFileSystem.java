package org.leakscope.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}), with checksums as before, that sets permissions through java.nio.
 * Without Hadoop's native library, which Spark does not ship, {@link RawLocalFileSystem} sets the permission of
 * every file and directory it creates by starting a {@code chmod} process: a Parquet table of two tasks is a dozen
 * processes, and one extract at scale 2 started 254 of them, about 8 ms each, in tasks and on the driver. The modes
 * that java.nio cannot set (setuid, setgid, sticky) still go through Hadoop's own code, as does everything when the
 * native library is loaded. Sessions on a local master use it ({@link org.leakscope.common.SessionDefaults}).
 */
public class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw file system under the checksums. */
  static final class Raw extends RawLocalFileSystem {
    /** The permission of each mode bit, lowest bit first: others' execute, write, read; group's; owner's. */
    private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      int mode = permission.toShort();
      if (NativeIO.isAvailable() || (mode & ~0777) != 0) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), permissions(mode));
    }

    static Set<PosixFilePermission> permissions(int mode) {
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      for (int bit = 0; bit < BITS.length; bit++) {
        if ((mode & (1 << bit)) != 0) {
          set.add(BITS[bit]);
        }
      }
      return set;
    }
  }
}
