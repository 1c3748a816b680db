package nl.hartslag.category;

import java.util.Locale;

/** A category as stored; labels in both languages, picked per reader. */
public record Category(String code, Kind kind, String labelNl, String labelEn, String descriptionNl,
        String descriptionEn, String icon, int sortOrder) {

    public enum Kind {
        NUISANCE, MEDIATION
    }

    public String label(Locale locale) {
        return isEnglish(locale) ? labelEn : labelNl;
    }

    public String description(Locale locale) {
        return isEnglish(locale) ? descriptionEn : descriptionNl;
    }

    private static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
