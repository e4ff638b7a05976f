package dev.lastmile.check.dependencies.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lastmile.core.model.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CvssTest {

    /** Scores as published by NVD for these vectors. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL",
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N, 6.1, MEDIUM",
            "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H, 7.2, HIGH",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1, MEDIUM",
            "CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N, 2.5, LOW",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0, CRITICAL",
    })
    void baseScores(String vector, double score, Severity rating) {
        assertThat(Cvss.baseScore(vector)).contains(score);
        assertThat(Cvss.rating(score)).isEqualTo(rating);
    }

    @ParameterizedTest
    @CsvSource({"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVSS:3.1/AV:N", "nonsense"})
    void otherVectorsGiveNoScore(String vector) {
        assertThat(Cvss.baseScore(vector)).isEmpty();
    }
}
