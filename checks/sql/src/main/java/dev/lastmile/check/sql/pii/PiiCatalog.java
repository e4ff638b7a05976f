package dev.lastmile.check.sql.pii;

import dev.lastmile.check.sql.SqlPolicy;
import dev.lastmile.dbt.ColumnMeta;
import dev.lastmile.dbt.DbtAnalyzer;
import dev.lastmile.dbt.FileAnalysis;
import dev.lastmile.dbt.RelationMeta;
import dev.lastmile.dbt.model.ColumnLineage;
import dev.lastmile.dbt.model.Derivation;
import dev.lastmile.dbt.model.Relation;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which columns of a relation hold personal data, and why: the policy's column list, the YAML metadata of models and
 * sources, the lineage of models through {@code ref()} chains (a column that passes PII through unchanged is PII),
 * and name heuristics. Also which columns a relation has at all, for the temporal rules. Results are cached per
 * relation; cycles in the ref graph end the walk.
 */
public final class PiiCatalog {

    /**
     * One PII column.
     *
     * @param column     its name
     * @param reason     why: {@code meta.contains_pii in sources.yml}, {@code name looks like an e-mail address},
     *                   {@code from source app.accounts.billing_email}
     * @param viaLineage true when only the ref chain says so (the name and the relation's own metadata do not)
     */
    public record Pii(String column, String reason, boolean viaLineage) {
    }

    private final DbtAnalyzer analyzer;
    private final SqlPolicy policy;
    private final Map<String, Map<String, Pii>> cache = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> columnsCache = new ConcurrentHashMap<>();
    private static final ThreadLocal<Set<String>> IN_PROGRESS = ThreadLocal.withInitial(HashSet::new);

    public PiiCatalog(DbtAnalyzer analyzer, SqlPolicy policy) {
        this.analyzer = analyzer;
        this.policy = policy;
    }

    /** The known PII columns of an external relation (REF, SOURCE or TABLE), by lower-cased name. */
    public Map<String, Pii> piiColumns(Relation.Kind kind, String relation) {
        String key = kind + ":" + relation;
        Map<String, Pii> hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        if (!IN_PROGRESS.get().add(key)) {
            return Map.of(); // a cycle in the ref graph
        }
        try {
            Map<String, Pii> computed = Collections.unmodifiableMap(compute(kind, relation));
            cache.putIfAbsent(key, computed);
            return computed;
        } finally {
            IN_PROGRESS.get().remove(key);
        }
    }

    /** Whether {@code column} of the relation is PII: the catalog, then the name heuristics. */
    public Optional<Pii> pii(Relation.Kind kind, String relation, String column) {
        if (policy.notPii().contains(column)) {
            return Optional.empty();
        }
        Pii p = piiColumns(kind, relation).get(column);
        if (p != null) {
            return Optional.of(p);
        }
        return byNameOrPolicy(relation, column);
    }

    private Optional<Pii> byNameOrPolicy(String relation, String column) {
        if (policy.notPii().contains(column)) {
            return Optional.empty();
        }
        if (policy.piiColumns().contains(column) || policy.piiColumns().contains(relation + "." + column)) {
            return Optional.of(new Pii(column, "listed in the policy's sql.pii.columns", false));
        }
        if (policy.nameHeuristics()) {
            return PiiNames.kindOf(column, relation).map(k -> new Pii(column, "its name looks like " + k, false));
        }
        return Optional.empty();
    }

    private Map<String, Pii> compute(Relation.Kind kind, String relation) {
        Map<String, Pii> out = new LinkedHashMap<>();
        Optional<RelationMeta> meta = switch (kind) {
            case SOURCE -> analyzer.projects().source(relation);
            case REF -> analyzer.projects().model(relation);
            default -> Optional.empty();
        };
        meta.ifPresent(m -> {
            for (ColumnMeta c : m.columns().values()) {
                if (c.pii() && !policy.notPii().contains(c.name())) {
                    out.put(c.name(), new Pii(c.name(), c.reason() + " in " + m.file(), false));
                } else {
                    byNameOrPolicy(relation, c.name()).ifPresent(p -> out.putIfAbsent(c.name(), p));
                }
            }
        });
        if (kind == Relation.Kind.REF) {
            Optional<FileAnalysis> a = analyzer.model(relation);
            a.ifPresent(fa -> fa.modelQuery().ifPresent(q -> {
                ColumnLineage.Output lineage = fa.lineage(q);
                for (ColumnLineage.OutputColumn col : lineage.columns()) {
                    if (out.containsKey(col.name()) || policy.notPii().contains(col.name())) {
                        continue;
                    }
                    for (ColumnLineage.Origin o : col.origins()) {
                        if (o.derivation() != Derivation.DIRECT) {
                            continue;
                        }
                        Optional<Pii> up = pii(o.kind(), o.relation(), o.column());
                        if (up.isPresent()) {
                            // the same name downstream is still visibly PII; a new name is PII only by lineage
                            boolean visible = byNameOrPolicy(relation, col.name()).isPresent() || col.name().equals(o.column());
                            String reason = up.get().reason().startsWith("it carries ") ? up.get().reason()
                                    : up.get().reason() + (o.kind() == Relation.Kind.SOURCE ? " of " + describe(o) : ", upstream in " + describe(o));
                            out.put(col.name(), new Pii(col.name(), visible ? reason : "it carries " + describe(o) + " (" + up.get().reason() + ")", !visible));
                            break;
                        }
                    }
                    if (!out.containsKey(col.name()) && col.origins().stream().allMatch(o -> o.derivation() == Derivation.DIRECT)) {
                        byNameOrPolicy(relation, col.name()).ifPresent(p -> out.put(col.name(), p));
                    }
                }
                for (ColumnLineage.StarOutput s : lineage.stars()) {
                    piiColumns(s.kind(), s.relation()).forEach((name, p) -> {
                        if (!s.except().contains(name) && !out.containsKey(name)) {
                            out.put(name, new Pii(name, "it carries " + describe(s.kind(), s.relation(), name) + " (" + p.reason() + ")", true));
                        }
                    });
                }
            }));
        }
        return out;
    }

    /** Every column the relation is known to have: YAML, lineage of the model, PII columns. */
    public Set<String> columns(Relation.Kind kind, String relation) {
        String key = kind + ":" + relation;
        Set<String> hit = columnsCache.get(key);
        if (hit != null) {
            return hit;
        }
        if (!IN_PROGRESS.get().add("cols:" + key)) {
            return Set.of();
        }
        try {
            Set<String> out = new LinkedHashSet<>();
            switch (kind) {
                case SOURCE -> analyzer.projects().source(relation).ifPresent(m -> out.addAll(m.columns().keySet()));
                case REF -> {
                    analyzer.projects().model(relation).ifPresent(m -> out.addAll(m.columns().keySet()));
                    analyzer.model(relation).ifPresent(fa -> fa.modelQuery().ifPresent(q -> {
                        ColumnLineage.Output l = fa.lineage(q);
                        l.columns().forEach(c -> out.add(c.name()));
                        l.stars().forEach(s -> columns(s.kind(), s.relation()).stream()
                                .filter(c -> !s.except().contains(c)).forEach(out::add));
                    }));
                }
                default -> {
                }
            }
            Set<String> result = Collections.unmodifiableSet(out);
            columnsCache.putIfAbsent(key, result);
            return result;
        } finally {
            IN_PROGRESS.get().remove("cols:" + key);
        }
    }

    public static String describe(ColumnLineage.Origin o) {
        return describe(o.kind(), o.relation(), o.column());
    }

    public static String describe(Relation.Kind kind, String relation, String column) {
        return switch (kind) {
            case REF -> "ref('" + relation + "')." + column;
            case SOURCE -> "source " + relation + "." + column;
            default -> relation + "." + column;
        };
    }
}
