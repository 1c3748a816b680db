package nl.hartslag.figures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small-cell suppression (docs/monitoring-figures.md). Counts only, and for the sensitive categories never a
 * count from 1 to threshold-1:
 * <ol>
 * <li><b>Primary:</b> in a row of a sensitive category, every count cell from 1 to threshold-1 becomes
 * {@code "<5"} (the threshold), and the row's derived cells (medians, shares) become {@code null}.</li>
 * <li><b>Secondary:</b> the reports of a period add up to its total, which other tables publish (by channel,
 * per 1,000 residents). So in {@code reports_by_category}, when exactly one category of a period is hidden,
 * the smallest other category with reports in that period is hidden too ({@code "x"}, whatever its size;
 * ties by code), and that period-category stays hidden in every other table by category. When there is no
 * other category to hide (the sensitive one is the period's only one), the period's total is what would
 * give it away: every count of that period in the tables that add up to it (by channel, households, per
 * 1,000 residents, coverage) becomes {@code "x"} and their derived cells {@code null}.</li>
 * </ol>
 * Zeros stay: a zero names nobody.
 */
final class Suppression {

    static final String HIDDEN = "x";

    private final Set<String> sensitive;
    private final int threshold;
    final String small;

    Suppression(Set<String> sensitive, int threshold) {
        this.sensitive = Set.copyOf(sensitive);
        this.threshold = threshold;
        this.small = "<" + threshold;
    }

    enum Kind {
        KEY, COUNT, VALUE
    }

    /** A table being built: its cells with a kind per column, and which column (if any) is the category. */
    static final class Draft {
        final String name;
        final List<String> columns = new ArrayList<>();
        final List<Kind> kinds = new ArrayList<>();
        final List<Object[]> rows = new ArrayList<>();
        int categoryColumn = -1;
        /** Its counts add up to the period's total of reports (so they can give a hidden cell away). */
        boolean periodTotals;

        Draft(String name) {
            this.name = name;
        }

        Draft key(String column) {
            return column(column, Kind.KEY);
        }

        Draft category(String column) {
            categoryColumn = columns.size();
            return column(column, Kind.KEY);
        }

        Draft count(String column) {
            return column(column, Kind.COUNT);
        }

        Draft value(String column) {
            return column(column, Kind.VALUE);
        }

        Draft totals() {
            periodTotals = true;
            return this;
        }

        private Draft column(String column, Kind kind) {
            columns.add(column);
            kinds.add(kind);
            return this;
        }

        Draft row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException(name + ": " + cells.length + " cells for " + columns);
            }
            rows.add(cells.clone());
            return this;
        }

        FigureTable table() {
            return new FigureTable(name, columns, rows.stream().map(r -> java.util.Arrays.asList(r)).toList());
        }
    }

    /** Applies the rules to all drafts; {@code byCategory} is the reports_by_category draft (period, category, reports). */
    void apply(Draft byCategory, List<Draft> drafts) {
        Set<String> hidden = new HashSet<>(); // period + '\n' + category
        Set<String> closedPeriods = new HashSet<>();
        Map<String, List<Object[]>> perPeriod = new HashMap<>();
        for (Object[] row : byCategory.rows) {
            perPeriod.computeIfAbsent((String) row[0], p -> new ArrayList<>()).add(row);
        }
        perPeriod.forEach((period, rows) -> {
            List<Object[]> primary = rows.stream().filter(r -> isSmallSensitive((String) r[1], count(r[2]))).toList();
            primary.forEach(r -> hidden.add(period + "\n" + r[1]));
            if (primary.size() == 1) {
                rows.stream().filter(r -> r != primary.get(0) && count(r[2]) > 0)
                        .min(Comparator.comparingLong((Object[] r) -> count(r[2])).thenComparing(r -> (String) r[1]))
                        .ifPresentOrElse(r -> {
                            hidden.add(period + "\n" + r[1]);
                            r[2] = HIDDEN;
                        }, () -> closedPeriods.add(period));
            }
        });
        for (Draft draft : drafts) {
            for (Object[] row : draft.rows) {
                if (draft.categoryColumn >= 0) {
                    String category = (String) row[draft.categoryColumn];
                    boolean sensitiveRow = sensitive.contains(category);
                    boolean hiddenRow = hidden.contains(row[0] + "\n" + category);
                    boolean anySmall = false;
                    for (int i = 0; i < row.length; i++) {
                        if (draft.kinds.get(i) == Kind.COUNT && row[i] instanceof Number n) {
                            long v = n.longValue();
                            if (sensitiveRow && v > 0 && v < threshold) {
                                row[i] = small;
                                anySmall = true;
                            } else if (hiddenRow && v > 0) {
                                row[i] = sensitiveRow && v < threshold ? small : HIDDEN;
                            }
                        }
                    }
                    if (hiddenRow || anySmall) {
                        nullValues(draft, row);
                    }
                } else if (draft.periodTotals && closedPeriods.contains(row[0])) {
                    for (int i = 0; i < row.length; i++) {
                        if (draft.kinds.get(i) == Kind.COUNT && row[i] instanceof Number n && n.longValue() > 0) {
                            row[i] = HIDDEN;
                        }
                    }
                    nullValues(draft, row);
                }
            }
        }
    }

    private static void nullValues(Draft draft, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (draft.kinds.get(i) == Kind.VALUE) {
                row[i] = null;
            }
        }
    }

    private boolean isSmallSensitive(String category, long count) {
        return sensitive.contains(category) && count > 0 && count < threshold;
    }

    private static long count(Object cell) {
        return cell instanceof Number n ? n.longValue() : 0;
    }
}
