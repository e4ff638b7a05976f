package dev.lastmile.check.impact.breaking;

import dev.lastmile.check.impact.ImpactContext;
import dev.lastmile.dbt.graph.ProjectGraph;
import dev.lastmile.dbt.graph.Properties;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model's {@code access} and {@code group}, where dbt takes them from, the most specific first: the model's
 * {@code config(...)} in its SQL, its YAML properties, then {@code +access}/{@code +group} of {@code dbt_project.yml}.
 */
final class Access {

    record Setting(String access, Optional<String> group, String where) {
    }

    private static final Pattern CONFIG_ACCESS = Pattern.compile("config\\s*\\([^)]*?\\baccess\\s*=\\s*['\"](\\w+)['\"]", Pattern.DOTALL);
    private static final Pattern CONFIG_GROUP = Pattern.compile("config\\s*\\([^)]*?\\bgroup\\s*=\\s*['\"]([\\w-]+)['\"]", Pattern.DOTALL);

    private final ProjectGraph graph;
    private final ImpactContext change;
    private final boolean head;

    Access(ProjectGraph graph, ImpactContext change) {
        this.graph = graph;
        this.change = change;
        this.head = graph == change.headGraph();
    }

    Optional<Setting> of(String model) {
        String path = graph.nodes().get(model);
        if (path == null) {
            return Optional.empty();
        }
        Optional<String> sqlAccess = fromSql(path, CONFIG_ACCESS);
        Optional<Properties.Model> props = graph.properties().model(model);
        String where;
        String access;
        if (sqlAccess.isPresent()) {
            access = sqlAccess.get();
            where = path;
        } else if (props.flatMap(Properties.Model::access).isPresent()) {
            access = props.get().access().get();
            where = props.get().file() + ":" + props.get().line();
        } else {
            Optional<String> folder = graph.project().folderConfig(path, "access");
            if (folder.isEmpty()) {
                return Optional.empty();
            }
            access = folder.get();
            where = "dbt_project.yml";
        }
        return Optional.of(new Setting(access, groupOf(model), where));
    }

    Optional<String> groupOf(String node) {
        String path = graph.nodes().get(node);
        if (path == null) {
            return Optional.empty();
        }
        Optional<String> sql = fromSql(path, CONFIG_GROUP);
        if (sql.isPresent()) {
            return sql;
        }
        Optional<String> yaml = graph.properties().model(node).flatMap(Properties.Model::group);
        if (yaml.isPresent()) {
            return yaml;
        }
        return graph.project().folderConfig(path, "group");
    }

    private Optional<String> fromSql(String path, Pattern p) {
        Optional<String> text = head ? change.scan().readHead(path) : change.scan().readBase(path);
        if (text.isEmpty() || !text.get().contains("config")) {
            return Optional.empty();
        }
        Matcher m = p.matcher(text.get());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
