package org.stripejdbc.engine.operator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * A temporary file of rows (in {@link RowCodec} form) that a sort or an aggregate writes when what it must hold
 * outgrows its memory budget: written once, then read back in order, then deleted.
 *
 * <pre>
 *   try (SpillFile run = SpillFile.create("sort")) {
 *       run.write(row1); run.write(row2);      // or run.write(encodedRow)
 *       RowIterator rows = run.read();          // row1, row2
 *   }                                           // the file is gone
 * </pre>
 *
 * <p>Security: the file holds query data (customer names, e-mails...), so it is created owner-only (where the
 * file system has POSIX permissions) in {@code java.io.tmpdir} and deleted on {@link #close()}, which the
 * operators call when their rows are consumed, abandoned or fail. I/O failures are {@code 58030}.
 */
final class SpillFile implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path path;
    private DataOutputStream out;
    private long rows;
    private boolean closed;

    private SpillFile(Path path) throws IOException {
        this.path = path;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES));
    }

    /** Creates an empty file for writing; {@code purpose} names it ({@code stripe-jdbc-sort-....rows}). */
    static SpillFile create(String purpose) {
        try {
            Path path;
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                path = Files.createTempFile(
                        "stripe-jdbc-" + purpose + "-",
                        ".rows",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                path = Files.createTempFile("stripe-jdbc-" + purpose + "-", ".rows");
            }
            return new SpillFile(path);
        } catch (IOException e) {
            throw failure("cannot create a temporary file for a " + purpose, e);
        }
    }

    /** Appends a row. */
    void write(Object[] row) {
        try {
            RowCodec.write(out, row);
            rows++;
        } catch (IOException e) {
            throw failure("cannot write the temporary file " + path, e);
        }
    }

    /** Appends a row already in {@link RowCodec#encode} form. */
    void write(byte[] encodedRow) {
        try {
            out.write(encodedRow);
            rows++;
        } catch (IOException e) {
            throw failure("cannot write the temporary file " + path, e);
        }
    }

    /** How many rows were written. */
    long rows() {
        return rows;
    }

    /** Ends writing and reads the rows back, in the order written. Call once. */
    RowIterator read() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES));
            long count = rows;
            return new AbstractRowIterator() {
                private long read;

                @Override
                protected Object[] advance() {
                    if (read >= count) {
                        return null;
                    }
                    read++;
                    try {
                        return RowCodec.read(in);
                    } catch (IOException e) {
                        throw failure("cannot read the temporary file " + path, e);
                    }
                }

                @Override
                protected void release() {
                    try {
                        in.close();
                    } catch (IOException e) {
                        // reading is over; the file is deleted by close()
                    }
                }
            };
        } catch (IOException e) {
            throw failure("cannot read the temporary file " + path, e);
        }
    }

    /** Deletes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // the file is deleted next
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more can be done; the operating system's temporary directory cleanup removes it
        }
    }

    private static StripeJdbcException failure(String message, IOException cause) {
        return new StripeJdbcException(SqlState.IO_ERROR, message + ": " + cause.getMessage(), cause);
    }
}
