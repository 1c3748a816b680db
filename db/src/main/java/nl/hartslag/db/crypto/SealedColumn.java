package nl.hartslag.db.crypto;

import java.util.regex.Pattern;

/**
 * A column that holds values sealed by {@link PersonalData}, for {@link KeyRotation}: each feature
 * that seals a column declares it as a bean, so rotation re-seals every one without knowing the
 * features. {@code keyColumn} identifies a row (a primary key, or any column unique per row).
 */
public record SealedColumn(String table, String keyColumn, String column) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public SealedColumn {
        for (String name : new String[] {table, keyColumn, column}) {
            // Identifiers go into SQL text (they cannot be bind parameters): only plain lower-case names.
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
            }
        }
    }
}
