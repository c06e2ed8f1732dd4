package dev.textback.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.CrmTopic;
import dev.textback.texts.events.TextTopic;

/** The event catalogue in docs/ names every topic and event type the producers' contracts define. */
class AsyncApiCatalogueTest {
    @Test
    void everyTopicAndEventTypeIsInTheCatalogue() throws Exception {
        Path home = Path.of(System.getProperty("textback.home", "../.."));
        String catalogue = Files.readString(home.resolve("docs/asyncapi.yaml"));
        List<String> names = List.of(CallTopic.NAME, CallTopic.CALL_ENDED, TextTopic.NAME, TextTopic.TEXT_SENT,
                TextTopic.TEXT_STATUS_CHANGED, TextTopic.TEXT_SUPPRESSED, TextTopic.REPLY_RECEIVED,
                TextTopic.OPT_OUT_CHANGED, BusinessTopic.NAME, BusinessTopic.BUSINESS_PROFILE, CrmTopic.NAME,
                CrmTopic.CONTACT_TAGGED, CrmTopic.CONVERSION_RECORDED);
        for (String name : names) {
            assertTrue(catalogue.contains(name), "docs/asyncapi.yaml lacks " + name);
        }
        for (String schema : List.of("call-ingest/events/src/main/resources/schemas/call-ended.v1.json",
                "sms-dispatch/events/src/main/resources/schemas/text-sent.v1.json",
                "crm-sync/events/src/main/resources/schemas/conversion-recorded.v1.json")) {
            assertTrue(catalogue.contains(schema), "the catalogue points at " + schema);
            assertTrue(Files.isRegularFile(home.resolve(schema)), schema + " exists");
        }
    }
}
