package nl.hartslag.intake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.hartslag.db.crypto.SealedColumn;

/**
 * The sealed columns of the intake's short conversations (issue 15), for key rotation. The migration
 * that sealed them is the reporter's (V26, {@code nl.hartslag.report}).
 */
@Configuration(proxyBeanMethods = false)
class ConversationsAtRest {

    @Bean
    SealedColumn textConversationPhone() {
        return new SealedColumn("sms_conversation", "phone_hash", "phone_sealed");
    }

    @Bean
    SealedColumn textConversationBody() {
        return new SealedColumn("sms_conversation", "phone_hash", "body_sealed");
    }

    @Bean
    SealedColumn callConversationPhone() {
        return new SealedColumn("voice_conversation", "call_sid", "phone_sealed");
    }
}
