package io.sparkgan.dataset;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A directory only this user can write: created mode 0700, and an existing one accepted only if
 * this user owns it and neither group nor others may write to it. Files cached in such a
 * directory cannot be planted or swapped by another local user (the shared temp directory is
 * writable by everyone, so a predictable name there is not private by itself).
 */
final class PrivateDirectory {
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private PrivateDirectory() {}

    /** {@code dir}, created 0700 if absent, after checking it is private to this process's user. */
    static Path ensure(Path dir, String setting) throws IOException {
        if (!posix()) {
            Files.createDirectories(dir);
            return dir;
        }
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                // Another process created it between the check and here: check it like any existing one.
            }
        }
        check(dir, new UnixSystem().getUid(), setting);
        return dir;
    }

    /** Refuses {@code dir} unless it is a directory owned by uid {@code ownerUid} that only its owner can write. */
    static void check(Path dir, long ownerUid, String setting) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory; point " + setting + " at a directory of your own");
        }
        long actualUid = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        if (actualUid != ownerUid) {
            throw new IOException(dir + " is owned by uid " + actualUid + ", not by this user (uid " + ownerUid
                    + "): another user could put files in it; point " + setting + " at a directory of your own");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
            throw new IOException(dir + " has mode " + PosixFilePermissions.toString(perms)
                    + ": group or others may write to it; run chmod go-w " + dir + " or point " + setting
                    + " at a directory only you can write");
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    }
}
