package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A TwiML answer parsed with the JDK's XML parser: a malformed answer fails the test right here. */
record TwiML(Document document) {

    static TwiML parse(String xml) {
        assertThat(xml).isNotBlank();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            assertThat(document.getDocumentElement().getTagName()).isEqualTo("Response");
            return new TwiML(document);
        } catch (Exception e) {
            throw new AssertionError("Not valid TwiML: " + xml, e);
        }
    }

    List<Element> all(String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    Element one(String tag) {
        List<Element> elements = all(tag);
        assertThat(elements).as("exactly one <%s>", tag).hasSize(1);
        return elements.get(0);
    }

    /** The text of the SMS reply ({@code <Message><Body>}). */
    String message() {
        return one("Body").getTextContent();
    }

    /** Everything spoken, in order, as one string. */
    String spoken() {
        StringBuilder all = new StringBuilder();
        for (Element say : all("Say")) {
            all.append(say.getTextContent().strip()).append(' ');
        }
        return all.toString().strip();
    }

    /** The next step Twilio will call: the {@code <Gather action>} as path and query on our server. */
    String nextStep() {
        String action = one("Gather").getAttribute("action");
        assertThat(action).startsWith(nl.hartslag.support.FakeTwilio.PUBLIC_BASE_URL + "/twilio/voice/");
        return action.substring(nl.hartslag.support.FakeTwilio.PUBLIC_BASE_URL.length());
    }

    boolean hangsUp() {
        return !all("Hangup").isEmpty();
    }
}
