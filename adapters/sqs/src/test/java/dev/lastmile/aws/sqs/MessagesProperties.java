package dev.lastmile.aws.sqs;

import static org.assertj.core.api.Assertions.assertThatCode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives on a queue, decoding either yields a message or a MalformedMessageException, never anything else. */
class MessagesProperties {

    @Property(tries = 500)
    void arbitraryTextNeverThrowsAnythingElse(@ForAll String text) {
        assertDecodes(text);
    }

    @Property(tries = 500)
    void mutatedValidMessagesNeverThrowAnythingElse(@ForAll("mutations") String text) {
        assertDecodes(text);
    }

    @Provide
    Arbitrary<String> mutations() {
        String valid = Messages.toJson(MessagesTest.prJob());
        return Arbitraries.integers().between(0, valid.length() - 1).flatMap(at -> Arbitraries.strings()
                .withChars("{}[]\":,0123456789-abcnulltrue ").ofMaxLength(6)
                .map(insert -> valid.substring(0, at) + insert + valid.substring(Math.min(valid.length(), at + insert.length() / 2))));
    }

    private static void assertDecodes(String text) {
        assertThatCode(() -> {
            try {
                Messages.scanJob(text);
            } catch (MalformedMessageException e) {
                // the expected way to refuse
            }
            try {
                Messages.reportRequest(text);
            } catch (MalformedMessageException e) {
                // the expected way to refuse
            }
        }).doesNotThrowAnyException();
    }
}
