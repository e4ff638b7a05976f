/**
 * SQL-injection rules of the SQL check (SQL010–SQL015, SQL019). Documentation: {@code docs/sql-injection.md}.
 *
 * <p>Public surface, used by {@code SqlCheck}:
 * <ul>
 *   <li>{@link dev.lastmile.check.sql.injection.InjectionRules#all()}: the rules, in a stable order;</li>
 *   <li>{@link dev.lastmile.check.sql.injection.InjectionAnalyzer#handles(String)} and
 *       {@link dev.lastmile.check.sql.injection.InjectionAnalyzer#analyze(String, String)}: which files are read
 *       ({@code .sql}, {@code .py}, YAML for dbt hooks) and the findings of one file.</li>
 * </ul>
 *
 * <p>One class per rule holds its {@code RuleMeta} ({@code UnquotedJinjaValueInSql}, {@code ConcatenatedDynamicSql},
 * {@code FormattedSqlInPythonExecute}, {@code UntrustedValueInExecutedJinjaSql}, {@code UntrustedJinjaIdentifier},
 * {@code MacroArgumentAsNameInExecutedSql}, {@code UnanalysableFile}). The detection is shared machinery, package
 * private:
 * <ul>
 *   <li>{@code dev.lastmile.dbt.render.JinjaTokenizer} (text and tags with offsets, shared with the renderer), {@code JinjaExpr} (expression parser),
 *       {@code JinjaSqlAnalyzer} (taint through set/for/macro/call, executors, hooks), {@code Taint};</li>
 *   <li>{@code SqlContext}: where a spliced value lands in SQL text (string, quoted name, comment, name, value);</li>
 *   <li>{@code DynamicSqlDetector}: EXECUTE IMMEDIATE / EXECUTE / EXEC / CALL on the masked file;</li>
 *   <li>{@code PythonTokenizer} and {@code PythonSqlAnalyzer}: formatted SQL reaching a DB call, Airflow operators;</li>
 *   <li>{@code DbtYamlHooks}: hooks in {@code dbt_project.yml} and properties files.</li>
 * </ul>
 * Everything is linear in the file with per-file budgets; nothing throws on repository input.
 */
package dev.lastmile.check.sql.injection;
