package org.stripejdbc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one table the benchmark prints: per scenario and metric, our figure, the baseline's figure measured in the
 * same run, their ratio (always oriented so that above 1 means ours is better: baseline ÷ ours for times, requests,
 * bytes and memory; ours ÷ baseline for rates), and whether the issue's goal is met.
 *
 * <p>Example line: {@code | 2 | full scan, 20,000 customers, parallel slices | wall time | 1.92 s | 12.41 s |
 * 6.46x | yes (>= 5x, no 429 reached the user) |}.
 */
final class ResultTable {
    /** One line of the table. */
    record Line(String scenario, String title, String metric, String ours, String baseline, String ratio, String goal) {
        Line {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(ours, "ours");
            Objects.requireNonNull(baseline, "baseline");
            Objects.requireNonNull(ratio, "ratio");
            Objects.requireNonNull(goal, "goal");
        }
    }

    private final List<Line> lines = new ArrayList<>();

    void add(Line line) {
        lines.add(line);
        System.out.println("  " + line.scenario() + " " + line.title() + " / " + line.metric() + ": ours "
                + line.ours() + ", stripe-java " + line.baseline() + ", " + line.ratio()
                + (line.goal().isEmpty() ? "" : ", goal: " + line.goal()));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** A Markdown table (readable as plain text, pasted as is into README "Benchmarks"). */
    String render() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {
            "#", "scenario", "metric", "stripe-jdbc", "stripe-java 29.0.0", "ratio (>1: ours better)", "goal"
        });
        for (Line line : lines) {
            cells.add(new String[] {
                line.scenario(), line.title(), line.metric(), line.ours(), line.baseline(), line.ratio(), line.goal()
            });
        }
        int[] widths = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            out.append(row(cells.get(r), widths)).append('\n');
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                out.append(row(rule, widths)).append('\n');
            }
        }
        return out.toString();
    }

    private static String row(String[] cells, int[] widths) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            out.append(' ')
                    .append(cells[i])
                    .append(" ".repeat(widths[i] - cells[i].length()))
                    .append(" |");
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------ formats

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String bytes(long value) {
        if (value >= 10L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", value / (1024.0 * 1024));
        }
        if (value >= 10L * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", value / 1024.0);
        }
        return String.format(Locale.ROOT, "%,d B", value);
    }

    static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit);
    }

    /** {@code better ÷ other} as {@code 3.21x}; for "lower is better" pass (baseline, ours). */
    static String ratio(double numerator, double denominator) {
        if (denominator == 0) {
            return numerator == 0 ? "1.00x" : "n/a";
        }
        return String.format(Locale.ROOT, "%.2fx", numerator / denominator);
    }
}
