package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.RowIterator;

/**
 * A stable sort whose memory stays bounded however many rows it sorts: rows are held in {@link RowCodec} form
 * (with their sort keys beside them) up to {@link #RUN_BYTES} bytes or {@link #RUN_ROWS} rows, then that run is
 * sorted and written to a {@link SpillFile}; {@link #finish()} merges the runs (and the last one, kept in memory)
 * into one sorted stream. Equal keys keep their input order, across runs too (ties go to the earlier run).
 *
 * <p>Example: sorting a million customer rows with 2 KB of {@code attrs} each writes about 60 runs of 32 MB and
 * merges them reading one row of each at a time; the heap holds one run, not two gigabytes.
 */
final class ExternalSorter implements AutoCloseable {
    /** Encoded bytes one run holds in memory before it is written out. */
    static final long RUN_BYTES = 32L << 20;
    /** Rows one run holds in memory before it is written out (bounds the per-row overhead of small rows). */
    static final int RUN_ROWS = 200_000;
    /** What a held row costs besides its encoded bytes and key values (object headers, references). */
    private static final int ROW_OVERHEAD_BYTES = 64;

    private record Entry(Object[] keyValues, byte[] encoded) {}

    private final Comparator<Object[]> rowOrder;
    private final Comparator<Entry> entryOrder;
    private final int[] keyColumns;
    private final long runBytes;
    private final int runRows;
    private final List<Entry> entries = new ArrayList<>();
    private final List<SpillFile> runs = new ArrayList<>();
    private long bytesHeld;

    ExternalSorter(List<SortKey> keys) {
        this(keys, RUN_BYTES, RUN_ROWS);
    }

    /** A sorter with smaller runs (tests). */
    ExternalSorter(List<SortKey> keys, long runBytes, int runRows) {
        this.rowOrder = SortKey.comparator(keys);
        List<SortKey> onKeyValues = new ArrayList<>();
        keyColumns = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            SortKey key = keys.get(i);
            keyColumns[i] = key.column();
            onKeyValues.add(new SortKey(i, key.descending(), key.nullsFirst()));
        }
        Comparator<Object[]> keyOrder = SortKey.comparator(onKeyValues);
        this.entryOrder = (a, b) -> keyOrder.compare(a.keyValues(), b.keyValues());
        this.runBytes = runBytes;
        this.runRows = runRows;
    }

    /** Adds a row. */
    void add(Object[] row) {
        Objects.requireNonNull(row, "row");
        Object[] keyValues = new Object[keyColumns.length];
        for (int i = 0; i < keyColumns.length; i++) {
            keyValues[i] = row[keyColumns[i]];
        }
        byte[] encoded = RowCodec.encode(row);
        entries.add(new Entry(keyValues, encoded));
        bytesHeld += encoded.length + ROW_OVERHEAD_BYTES + 16L * keyValues.length;
        if (bytesHeld >= runBytes || entries.size() >= runRows) {
            spill();
        }
    }

    /** How many runs were written to disk so far. */
    int spilledRuns() {
        return runs.size();
    }

    private void spill() {
        entries.sort(entryOrder); // List.sort is a stable merge sort
        SpillFile run = SpillFile.create("sort");
        runs.add(run);
        for (Entry entry : entries) {
            run.write(entry.encoded());
        }
        entries.clear();
        bytesHeld = 0;
    }

    /**
     * The rows added, in order. Closing the returned iterator (or this sorter) deletes the runs; nothing may be
     * added afterwards.
     */
    RowIterator finish() {
        entries.sort(entryOrder);
        Iterator<Entry> inMemory = new ArrayList<>(entries).iterator();
        entries.clear();
        bytesHeld = 0;
        RowIterator held = new AbstractRowIterator() {
            @Override
            protected Object[] advance() {
                return inMemory.hasNext() ? RowCodec.decode(inMemory.next().encoded()) : null;
            }
        };
        if (runs.isEmpty()) {
            return held;
        }
        List<RowIterator> sources = new ArrayList<>();
        for (SpillFile run : runs) {
            sources.add(run.read());
        }
        sources.add(held); // the rows added last: after every spilled run in input order
        return merge(sources);
    }

    private record Head(Object[] row, int source) {}

    private RowIterator merge(List<RowIterator> sources) {
        PriorityQueue<Head> heads = new PriorityQueue<>(sources.size(), (a, b) -> {
            int c = rowOrder.compare(a.row(), b.row());
            return c != 0 ? c : Integer.compare(a.source(), b.source());
        });
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).next()) {
                heads.add(new Head(sources.get(i).current(), i));
            }
        }
        return new AbstractRowIterator() {
            @Override
            protected Object[] advance() {
                Head head = heads.poll();
                if (head == null) {
                    return null;
                }
                RowIterator source = sources.get(head.source());
                if (source.next()) {
                    heads.add(new Head(source.current(), head.source()));
                }
                return head.row();
            }

            @Override
            protected void release() {
                for (RowIterator source : sources) {
                    source.close();
                }
                ExternalSorter.this.close();
            }
        };
    }

    /** Deletes the runs written so far. */
    @Override
    public void close() {
        for (SpillFile run : runs) {
            run.close();
        }
        runs.clear();
        entries.clear();
    }
}
