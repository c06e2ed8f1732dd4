package dev.textback.dispatch.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.textback.dispatch.optout.KeywordClassifier.Kind;

class KeywordClassifierTest {

    @ParameterizedTest(name = "\"{0}\" -> {1} ({2})")
    @CsvSource(delimiter = '|', value = {
            "STOP|OPT_OUT|STOP",
            "stop|OPT_OUT|STOP",
            "  Stop.  |OPT_OUT|STOP",
            "STOPALL|OPT_OUT|STOPALL",
            "Unsubscribe|OPT_OUT|UNSUBSCRIBE",
            "cancel|OPT_OUT|CANCEL",
            "end|OPT_OUT|END",
            "Quit!|OPT_OUT|QUIT",
            "revoke|OPT_OUT|REVOKE",
            "optout|OPT_OUT|OPTOUT",
            "Stop please|OPT_OUT|STOP",
            "STOP, thanks|OPT_OUT|STOP",
            "Please stop texting me|OPT_OUT|stop texting",
            "do not text me again|OPT_OUT|do not text",
            "Don't text me|OPT_OUT|dont text",
            "unsubscribe me|OPT_OUT|UNSUBSCRIBE",
            "Please unsubscribe me|OPT_OUT|unsubscribe me",
            "opt out|OPT_OUT|opt out",
            "START|OPT_IN|START",
            "unstop|OPT_IN|UNSTOP",
            "Yes|OPT_IN|YES",
            "yes!|OPT_IN|YES",
    })
    void keywords(String text, Kind kind, String keyword) {
        KeywordClassifier.Classification c = KeywordClassifier.classify(text);
        assertEquals(kind, c.kind());
        assertEquals(keyword, c.keyword());
    }

    @ParameterizedTest(name = "\"{0}\" is a plain message")
    @CsvSource(delimiter = '|', value = {
            "Yes please call me",
            "Can you call me back?",
            "I'll be there at 5, don't stop now",
            "Start time is 9am?",
            "My backstop is broken",
            "Help me find your address",
            "''",
            "'   '",
            "😀",
    })
    void messages(String text) {
        assertEquals(Kind.MESSAGE, KeywordClassifier.classify(text).kind());
    }

    @ParameterizedTest(name = "\"{0}\" asks for help")
    @CsvSource({"HELP", "help", "Help!", "INFO"})
    void help(String text) {
        assertEquals(Kind.HELP, KeywordClassifier.classify(text).kind());
    }

    @org.junit.jupiter.api.Test
    void nullIsAMessage() {
        assertEquals(Kind.MESSAGE, KeywordClassifier.classify(null).kind());
    }
}
