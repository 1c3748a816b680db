package nl.hartslag.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.Lock;

/**
 * The index on disk, readable by the service's own user only (issue 15): the directory 0700, every
 * file 0600. Reports' texts are in these files; a world-readable index would hand them to every
 * account on the machine. The directory's mode is what keeps others out (they cannot even list
 * it); each file is set to 0600 as soon as Lucene creates it, so a copied-out file stays closed too.
 */
final class OwnerOnlyDirectory extends FilterDirectory {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path path;

    private OwnerOnlyDirectory(FSDirectory in) {
        super(in);
        this.path = in.getDirectory();
    }

    /**
     * Opens {@code path} (created if missing), first closing it and everything already in it to
     * others: an index written by an older version had the default modes.
     */
    static Directory open(Path path) throws IOException {
        if (POSIX) {
            Files.createDirectories(path, PosixFilePermissions.asFileAttribute(DIRECTORY));
            Files.setPosixFilePermissions(path, DIRECTORY);
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    ownerOnly(file);
                }
            }
        } else {
            Files.createDirectories(path);
        }
        return new OwnerOnlyDirectory(FSDirectory.open(path));
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        IndexOutput out = super.createOutput(name, context);
        ownerOnly(name, out);
        return out;
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        IndexOutput out = super.createTempOutput(prefix, suffix, context);
        ownerOnly(out.getName(), out);
        return out;
    }

    /** The write lock is a file as well (NativeFSLockFactory creates it beside the index). */
    @Override
    public Lock obtainLock(String name) throws IOException {
        Lock lock = super.obtainLock(name);
        ownerOnly(path.resolve(name));
        return lock;
    }

    private void ownerOnly(String name, IndexOutput out) throws IOException {
        try {
            ownerOnly(path.resolve(name));
        } catch (IOException | UncheckedIOException e) {
            out.close();
            throw e;
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (!POSIX) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, FILE);
        } catch (NoSuchFileException gone) {
            // Deleted between listing and chmod (a merge finished): nothing left to close.
        }
    }
}
