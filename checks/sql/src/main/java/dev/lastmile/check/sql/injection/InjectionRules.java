package dev.lastmile.check.sql.injection;

import dev.lastmile.core.model.RuleMeta;
import java.util.List;

/** The explicit registry of the SQL-injection rules (ids SQL010–SQL019), in a stable order. */
public final class InjectionRules {

    private static final List<RuleMeta> ALL = List.of(
            UnquotedJinjaValueInSql.META,
            ConcatenatedDynamicSql.META,
            FormattedSqlInPythonExecute.META,
            UntrustedValueInExecutedJinjaSql.META,
            UntrustedJinjaIdentifier.META,
            MacroArgumentAsNameInExecutedSql.META,
            UnanalysableFile.META);

    private InjectionRules() {
    }

    public static List<RuleMeta> all() {
        return ALL;
    }
}
