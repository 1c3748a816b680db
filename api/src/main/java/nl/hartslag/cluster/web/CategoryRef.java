package nl.hartslag.cluster.web;

import java.util.Locale;
import java.util.Map;

import nl.hartslag.category.Category;

/** A category code with its label in the reader's language. */
record CategoryRef(String code, String label) {

    static CategoryRef of(String code, Map<String, Category> categories, Locale locale) {
        if (code == null) {
            return null;
        }
        Category category = categories.get(code);
        return new CategoryRef(code, category == null ? code : category.label(locale));
    }
}
