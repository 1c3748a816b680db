package nl.hartslag.web;

import org.springframework.stereotype.Component;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every text field of every JSON request is read through here: a NUL character or a lone UTF-16
 * surrogate (JSON can carry both as {@code \u0000} / {@code \ud800}) is refused, so the request gets
 * a 400 naming the field instead of reaching PostgreSQL, which cannot store a NUL in text (error
 * 22021, a 500) and would store a lone surrogate as '?'. A Jackson module bean, so Boot registers it
 * on the mapper the WebFlux codecs use.
 */
@Component
class TextFields extends SimpleModule {

    TextFields() {
        super("hartslag-text-fields");
        addDeserializer(String.class, new StorableStringDeserializer());
    }

    /** A text value no column can hold as sent; {@link ApiProblems} names its field. */
    static final class UnstorableTextException extends InvalidFormatException {

        UnstorableTextException(JsonParser parser, String value) {
            super(parser, "Text with a NUL character or a lone surrogate", value, String.class);
        }
    }

    private static final class StorableStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && !Input.storable(value)) {
                throw new UnstorableTextException(parser, value);
            }
            return value;
        }
    }
}
