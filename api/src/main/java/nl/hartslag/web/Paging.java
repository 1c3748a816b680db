package nl.hartslag.web;

import java.util.List;

/**
 * A page of a list as the staff API asks for it ({@code ?page=&size=&sort=&dir=}), read from the
 * raw query parameters so that every mistake is a field of one 400 problem, never a conversion error.
 */
public record Paging(int page, int size, String sort, boolean ascending) {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;

    /** A page of items with the count of all matches. */
    public record Result<T>(List<T> items, int page, int size, long total) {
    }

    /**
     * Reads the parameters (null when absent), adding what is wrong to {@code violations}; the
     * result is only meaningful when nothing was added. {@code sorts}: the accepted sort names, the
     * first being the default.
     */
    public static Paging parse(String page, String size, String sort, String dir, List<String> sorts,
            List<Violation> violations) {
        int p = 0;
        if (page != null) {
            p = number(page, 0, Integer.MAX_VALUE / MAX_SIZE);
            if (p < 0) {
                violations.add(Violation.of("page", "validation.page"));
            }
        }
        int s = DEFAULT_SIZE;
        if (size != null) {
            s = number(size, 1, MAX_SIZE);
            if (s < 0) {
                violations.add(Violation.of("size", "validation.range", 1, MAX_SIZE));
            }
        }
        String by = sort == null || sort.isBlank() ? sorts.get(0) : sort.strip();
        if (!sorts.contains(by)) {
            violations.add(Violation.of("sort", "validation.page.sort", String.join(", ", sorts)));
        }
        boolean ascending = false;
        if (dir != null && !dir.isBlank()) {
            switch (dir.strip()) {
                case "asc" -> ascending = true;
                case "desc" -> ascending = false;
                default -> violations.add(Violation.of("dir", "validation.page.dir"));
            }
        }
        return new Paging(Math.max(p, 0), Math.max(s, 1), by, ascending);
    }

    /** The number if it is one within [min, max], else -1. */
    private static int number(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            return n < min || n > max ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A text filter: blank is none; longer than {@code max} is a violation of {@code field}. */
    public static String text(String field, String value, int max, String code, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            violations.add(Violation.of(field, code, max));
            return null;
        }
        return v;
    }
}
