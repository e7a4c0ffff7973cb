package org.stripejdbc.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Redactor;

/**
 * A catalog persisted in a directory and shared by every process that opens it:
 * <pre>
 *   &lt;dir&gt;/catalog.json    the catalog ({@link CatalogFileFormat}); replaced atomically on every change
 *   &lt;dir&gt;/catalog.lock    empty; the OS file lock on it serialises writers across processes
 *   &lt;dir&gt;/vault.key       the vault key, owner-only (only when no key is configured; see VaultKeySource)
 * </pre>
 * A change: take the JVM-wide lock for this directory, then the OS lock on {@code catalog.lock}; re-read
 * {@code catalog.json} (another process may have changed it); apply; write {@code catalog.json.<uuid>.tmp} in the
 * same directory, fsync it, rename it over {@code catalog.json} ({@code ATOMIC_MOVE}), fsync the directory; unlock.
 * A crash at any point leaves either the old or the new file, never a mix; a temporary file left by a crash is
 * deleted by the next writer. Reads take no lock: they compare the file's identity, modification time and size with
 * the cached snapshot's and re-read only when those changed.
 *
 * <p>A damaged or newer-format file is reported, never overwritten.
 */
final class DirectoryCatalogStore implements CatalogStore {
    static final String LOCK_FILE_NAME = "catalog.lock";
    static final String TEMPORARY_SUFFIX = ".tmp";
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One lock per directory for the whole JVM: Java file locks belong to the process, so two stores of one JVM on
     * the same directory must be serialised here (a second {@code FileChannel.lock} would throw instead of waiting).
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    /** Test hook: runs after the temporary file is complete and before it replaces the catalog. */
    interface WriteHook {
        WriteHook NONE = temporary -> {};

        void beforeReplace(Path temporary) throws IOException;
    }

    private final CatalogLocation.Directory location;
    private final Path directory;
    private final Path file;
    private final Path lockFile;
    private final ReentrantLock jvmLock;
    private final Duration lockTimeout;
    private final WriteHook writeHook;
    private final Redactor redactor = new Redactor();
    private final Object loadMonitor = new Object();
    private volatile Cached cached;

    /** @param directory the canonical (absolute, real) directory path */
    DirectoryCatalogStore(Path directory) {
        this(directory, DEFAULT_LOCK_TIMEOUT, WriteHook.NONE);
    }

    DirectoryCatalogStore(Path directory, Duration lockTimeout, WriteHook writeHook) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.location = new CatalogLocation.Directory(directory);
        this.file = directory.resolve(CatalogFileFormat.FILE_NAME);
        this.lockFile = directory.resolve(LOCK_FILE_NAME);
        this.jvmLock = JVM_LOCKS.computeIfAbsent(directory, d -> new ReentrantLock());
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
        this.writeHook = Objects.requireNonNull(writeHook, "writeHook");
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new StripeJdbcException(
                    SqlState.CONFIG_FILE_ERROR, "catalog location " + directory + " exists but is not a directory");
        }
    }

    @Override
    public CatalogLocation location() {
        return location;
    }

    Path directory() {
        return directory;
    }

    Path file() {
        return file;
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }

    // ------------------------------------------------------------------------------------------ reading

    /**
     * What identifies one version of the file cheaply: its file key (inode; every write renames a new file into
     * place), modification time and size, plus the catalog's {@code version} read from the first bytes of the file.
     * Inode numbers get reused and file times are coarse, but the version only ever grows, so a stamp never matches
     * a later file with different content.
     */
    private record FileStamp(Object fileKey, FileTime modified, long size, long version) {
        static final FileStamp ABSENT = new FileStamp(null, null, -1, -1);
    }

    /** Where {@link CatalogFileFormat} writes {@code "version"}: within the first lines. */
    private static final int VERSION_PREFIX_BYTES = 256;

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d{1,18})");

    private record Cached(FileStamp stamp, CatalogSnapshot snapshot) {}

    @Override
    public CatalogSnapshot read() {
        FileStamp stamp = stamp();
        Cached current = cached;
        if (current != null && current.stamp().equals(stamp)) {
            return current.snapshot();
        }
        synchronized (loadMonitor) {
            current = cached;
            if (current != null && current.stamp().equals(stamp)) {
                return current.snapshot();
            }
            // The stamp is taken before the content is read: if the file changes in between, the next read sees
            // a stamp that differs from the cached one and loads again; it never keeps stale content.
            CatalogSnapshot snapshot = load(stamp);
            cached = new Cached(stamp, snapshot);
            return snapshot;
        }
    }

    private FileStamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(
                    attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), versionPrefix());
        } catch (NoSuchFileException e) {
            return FileStamp.ABSENT;
        } catch (IOException e) {
            throw new StripeJdbcException(SqlState.IO_ERROR, "cannot read catalog file " + file + ": " + e, e);
        }
    }

    /** The {@code version} field from the start of the file, or -1 when it is not there (a damaged file). */
    private long versionPrefix() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(VERSION_PREFIX_BYTES);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // keep reading until the prefix is full or the file ends
            }
            String prefix = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
            Matcher matcher = VERSION.matcher(prefix);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        }
    }

    private CatalogSnapshot load(FileStamp stamp) {
        if (stamp.equals(FileStamp.ABSENT)) {
            return CatalogSnapshot.initial();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return CatalogSnapshot.initial();
        } catch (IOException e) {
            throw new StripeJdbcException(SqlState.IO_ERROR, "cannot read catalog file " + file + ": " + e, e);
        }
        return CatalogFileFormat.read(bytes, file);
    }

    // ------------------------------------------------------------------------------------------ writing

    @Override
    public <R> R update(Function<CatalogSnapshot, Change<R>> change) {
        try {
            jvmLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        }
        try {
            ensureDirectory();
            try (FileChannel channel =
                    FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = acquire(channel);
                try {
                    return updateLocked(change);
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new StripeJdbcException(SqlState.IO_ERROR, "cannot write catalog in " + directory + ": " + e, e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** One change while holding both locks: clean up, re-read, apply, write. */
    private <R> R updateLocked(Function<CatalogSnapshot, Change<R>> change) throws IOException {
        deleteLeftoverTemporaries();
        FileStamp stamp = stamp();
        // Always re-read under the lock: another process may have written since our last read.
        CatalogSnapshot latest = load(stamp);
        Change<R> outcome = change.apply(latest);
        if (outcome.next() == latest) {
            cached = new Cached(stamp, latest);
        } else {
            write(outcome.next());
            cached = new Cached(stamp(), outcome.next());
        }
        return outcome.result();
    }

    private FileLock acquire(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        long pauseMillis = 1;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StripeJdbcException(
                        SqlState.SERIALIZATION_FAILURE,
                        "could not lock catalog " + directory
                                + " within " + describe(lockTimeout) + ": another process holds " + lockFile
                                + "; try again");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled();
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private StripeJdbcException cancelled() {
        return new StripeJdbcException(
                SqlState.QUERY_CANCELED,
                "canceling statement: interrupted while waiting for the catalog lock of " + directory);
    }

    private void ensureDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // Security: the directory may hold the vault key file; keep it to its owner.
                Files.createDirectory(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(directory)) {
                throw new StripeJdbcException(
                        SqlState.CONFIG_FILE_ERROR, "catalog location " + directory + " exists but is not a directory");
            }
        }
    }

    /** Under the lock no other writer is active, so any temporary catalog file is a crashed writer's leftover. */
    private void deleteLeftoverTemporaries() throws IOException {
        try (DirectoryStream<Path> leftovers =
                Files.newDirectoryStream(directory, CatalogFileFormat.FILE_NAME + ".*" + TEMPORARY_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private void write(CatalogSnapshot snapshot) throws IOException {
        byte[] bytes = CatalogFileFormat.write(snapshot);
        Path temporary = directory.resolve(CatalogFileFormat.FILE_NAME + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            writeHook.beforeReplace(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Makes the rename durable. Not every platform can open a directory (Windows cannot); there it is skipped. */
    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The rename itself is atomic; only its durability across a power loss is then up to the OS.
        }
    }
}
