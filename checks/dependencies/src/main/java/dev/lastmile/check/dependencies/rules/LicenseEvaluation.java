package dev.lastmile.check.dependencies.rules;

import dev.lastmile.check.dependencies.client.DependencyServices.LicenseAnswer;
import dev.lastmile.check.dependencies.spdx.LicenseJudge;
import dev.lastmile.check.dependencies.spdx.SpdxExpression;
import dev.lastmile.check.dependencies.spdx.SpdxParseException;
import dev.lastmile.check.dependencies.spdx.SpdxParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns deps.dev's license list into one verdict. Several entries all apply (a package declaring MIT in its metadata
 * and shipping a GPL file carries both), so they are judged as their {@code AND}; {@code non-standard}, unparsable
 * text and an empty list are unknown, never allowed.
 */
public final class LicenseEvaluation {

    private LicenseEvaluation() {
    }

    public static LicenseJudge.Judgement evaluate(LicenseAnswer answer, LicenseJudge judge) {
        if (answer.licenses().isEmpty()) {
            return new LicenseJudge.Judgement(LicenseJudge.Verdict.UNKNOWN, List.of("(none)"),
                    "no license is published for it");
        }
        List<SpdxExpression> terms = new ArrayList<>();
        for (String text : answer.licenses()) {
            if (text.equalsIgnoreCase("non-standard")) {
                return new LicenseJudge.Judgement(LicenseJudge.Verdict.UNKNOWN, List.of(text),
                        "its license is non-standard (no SPDX id applies): read it before use");
            }
            try {
                terms.add(SpdxParser.parse(text));
            } catch (SpdxParseException e) {
                return new LicenseJudge.Judgement(LicenseJudge.Verdict.UNKNOWN, List.of(text),
                        "its license '" + text + "' is not an SPDX expression (" + e.getMessage() + ")");
            }
        }
        SpdxExpression all = terms.size() == 1 ? terms.get(0) : new SpdxExpression.And(List.copyOf(terms));
        return judge.judge(all);
    }

    /** The expression as published, for messages: {@code MIT OR Apache-2.0}; several joined by AND. */
    public static String written(LicenseAnswer answer) {
        return answer.licenses().isEmpty() ? "none published" : String.join(" AND ", answer.licenses());
    }
}
