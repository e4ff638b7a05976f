package dev.lastmile.functions.sql;

import dev.lastmile.check.sql.SqlCheck;
import dev.lastmile.functions.common.CheckFunction;
import dev.lastmile.functions.common.Wiring;

/**
 * Lambda handler of the SQL check: consumes its scan-job queue and runs {@code new SqlCheck()} through the shared
 * {@link CheckFunction}. Handler string: {@code dev.lastmile.functions.sql.SqlCheckFunction::handleRequest}.
 */
public final class SqlCheckFunction extends CheckFunction {

    /** Every variable this function reads (the template test holds the template to this list). */
    public static final java.util.List<String> ENVIRONMENT = Wiring.ENVIRONMENT;

    /** Used by the Lambda runtime: clients from the environment, built once per execution environment. */
    public SqlCheckFunction() {
        super(wiring -> new SqlCheck());
    }

    /** Used by tests: the given clients. */
    public SqlCheckFunction(Wiring wiring) {
        super(w -> new SqlCheck(), wiring);
    }
}
