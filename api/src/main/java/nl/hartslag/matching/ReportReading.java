package nl.hartslag.matching;

/**
 * What the engine could read from one report: the problem place, and the coverage flags that warn
 * when the vocabulary or the place list falls short (a report without a kind word, without a place
 * in its words, or with a typed address the engine could not parse).
 *
 * @param kindWord            the words name a kind of problem (noise, dumping, …)
 * @param placeInWords        the words say where (a street, an address, a named place, a map link)
 * @param typedAddress        the report came with a typed address
 * @param typedAddressParsed  that typed address was recognised as a street in the area (false when none was typed)
 */
public record ReportReading(ProblemPlace problemPlace, boolean kindWord, boolean placeInWords, boolean typedAddress,
        boolean typedAddressParsed) {

    public ReportReading {
        if (problemPlace == null) {
            throw new IllegalArgumentException("a reading has a problem place (perhaps 'none')");
        }
    }
}
