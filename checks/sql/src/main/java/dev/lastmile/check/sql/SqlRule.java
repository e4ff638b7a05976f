package dev.lastmile.check.sql;

import dev.lastmile.core.model.Finding;
import dev.lastmile.core.model.RuleMeta;
import java.util.List;

/** One rule of the SQL check: its metadata and one method from an analysed file to findings. */
public interface SqlRule {

    RuleMeta meta();

    List<Finding> check(ModelContext model);
}
