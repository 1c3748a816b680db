package nl.hartslag.outreach;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.hartslag.db.crypto.SealedColumn;

/**
 * The outreach data sealed at rest (docs/encryption.md), for key rotation: a visited home's house
 * number and the worker's note on a report (it may describe a household).
 */
@Configuration(proxyBeanMethods = false)
class OutreachDataAtRest {

    @Bean
    SealedColumn outreachVisitHouseNumber() {
        return new SealedColumn("outreach_visit", "id", "house_number_sealed");
    }

    @Bean
    SealedColumn outreachNote() {
        return new SealedColumn("outreach_note", "report_id", "note_sealed");
    }
}
