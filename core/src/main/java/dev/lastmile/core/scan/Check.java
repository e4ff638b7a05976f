package dev.lastmile.core.scan;

import dev.lastmile.core.model.RuleMeta;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyException;
import java.util.List;

/**
 * One check family (SQL, secrets, residency, licenses). Implementations know nothing of AWS or GitHub: the CLI and
 * every Lambda function call {@link #run} with a {@link ScanContext} built from their own repository source.
 *
 * <p>A check must not throw for bad input in the repository: an unreadable or unparsable file becomes a finding of
 * category {@code parse} or {@code config}. An exception from {@code run} means a bug or an infrastructure fault.
 */
public interface Check {

    /** The name used by {@code --checks} and in store keys: {@code sql}, {@code secrets}, ... */
    String name();

    /** The name of the GitHub check run, from the family's descriptor: {@code lastmile/sql}, {@code lastmile/credentials}, ... */
    default String checkRunName() {
        return CheckFamily.checkRunNameOf(name());
    }

    /** Every rule this check can report, in a stable order. */
    List<RuleMeta> rules();

    /**
     * Validates this family's section of the policy, so a broken policy fails before any file is read, with the
     * file, line and key of the problem.
     */
    default void validatePolicy(Policy policy) throws PolicyException {
    }

    /**
     * True when the check reads every folder, the default ignore folders ({@code logs/}, {@code target/},
     * {@code dbt_packages/}, ...) included, leaving out only what the policy's own {@code ignore:} names. The
     * credentials check does: a password in {@code logs/} is leaked all the same.
     */
    default boolean readsEveryFolder() {
        return false;
    }

    CheckResult run(ScanContext context);
}
