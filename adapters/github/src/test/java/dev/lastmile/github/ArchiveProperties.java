package dev.lastmile.github;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lastmile.core.source.SourceException;
import java.io.ByteArrayInputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever bytes come back as an archive, reading it gives files or a SourceException, never anything else. */
class ArchiveProperties {

    @Property(tries = 300)
    void arbitraryBytesNeverThrowAnythingButASourceException(@ForAll @Size(max = 400) byte[] bytes) {
        assertThatCode(() -> {
            try {
                GitHubRepositorySource.unzip(new ByteArrayInputStream(bytes));
            } catch (SourceException e) {
                // the expected refusal
            }
        }).doesNotThrowAnyException();
    }

    @Property(tries = 200)
    void aZipHeaderFollowedByNoiseIsRefusedCleanly(@ForAll @Size(max = 300) byte[] noise) {
        byte[] bytes = new byte[noise.length + 4];
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 3;
        bytes[3] = 4;
        System.arraycopy(noise, 0, bytes, 4, noise.length);
        assertThatCode(() -> {
            try {
                GitHubRepositorySource.unzip(new ByteArrayInputStream(bytes));
            } catch (SourceException e) {
                // the expected refusal
            }
        }).doesNotThrowAnyException();
    }
}
