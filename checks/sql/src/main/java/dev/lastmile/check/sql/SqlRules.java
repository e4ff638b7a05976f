package dev.lastmile.check.sql;

import dev.lastmile.check.sql.parse.ParsedByFallbackOnly;
import dev.lastmile.check.sql.parse.SqlFileNotAnalysed;
import dev.lastmile.check.sql.parse.UnreadableSchemaYaml;
import dev.lastmile.check.sql.pii.PiiColumnInUnrestrictedModel;
import dev.lastmile.check.sql.pii.PiiReachesModelThroughRefChain;
import dev.lastmile.check.sql.pii.SelectStarExposesPii;
import dev.lastmile.check.sql.safety.CartesianJoin;
import dev.lastmile.check.sql.safety.DeleteOrUpdateWithoutWhere;
import dev.lastmile.check.sql.safety.SelectStarInFinalModel;
import dev.lastmile.check.sql.temporal.IncrementalFilterMissesJoinedSource;
import dev.lastmile.check.sql.temporal.MismatchedTimeWindows;
import dev.lastmile.check.sql.temporal.OneSidedTimeWindow;
import java.util.List;

/** Every rule of the SQL check that runs on analysed files, in id order. Explicit: no classpath scanning. */
public final class SqlRules {

    private SqlRules() {
    }

    public static List<SqlRule> all() {
        return List.of(
                new SelectStarExposesPii(),
                new PiiColumnInUnrestrictedModel(),
                new PiiReachesModelThroughRefChain(),
                new OneSidedTimeWindow(),
                new MismatchedTimeWindows(),
                new IncrementalFilterMissesJoinedSource(),
                new DeleteOrUpdateWithoutWhere(),
                new CartesianJoin(),
                new SelectStarInFinalModel(),
                new ParsedByFallbackOnly());
    }

    /** Rules reported by the check itself rather than from an analysed file. */
    public static List<dev.lastmile.core.model.RuleMeta> checkLevel() {
        return List.of(SqlFileNotAnalysed.META, UnreadableSchemaYaml.META);
    }
}
