package dev.lastmile.check.residency.infra;

import dev.lastmile.check.residency.infra.Hcl.Attribute;
import dev.lastmile.check.residency.infra.Hcl.Block;
import dev.lastmile.check.residency.infra.Hcl.Body;
import dev.lastmile.check.residency.infra.Hcl.Expr;
import dev.lastmile.check.residency.location.Location;
import dev.lastmile.check.residency.location.RegionCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Terraform of one module (one directory: its {@code .tf} files and {@code terraform.tfvars} /
 * {@code *.auto.tfvars}) into the storage and compute resources the residency check judges, each with its location:
 * its own {@code location}/{@code region} attribute, else its provider's {@code region} (aliases honoured), resolving
 * {@code var.}, {@code local.} and same-module resource references. A BigQuery dataset without {@code location} is in
 * {@code US}, as the provider documents.
 */
public final class Terraform {

    /** How a resource type states where it is. */
    private record TypeInfo(InfraResource.Kind kind, String locationAttr, String nameAttr, String scheme, String defaultLocation) {
    }

    private static final Map<String, TypeInfo> TYPES = new HashMap<>();

    static {
        TYPES.put("google_bigquery_dataset", new TypeInfo(InfraResource.Kind.DATASET, "location", "dataset_id", "", "US"));
        TYPES.put("google_storage_bucket", new TypeInfo(InfraResource.Kind.BUCKET, "location", "name", "gs://", null));
        TYPES.put("google_dataproc_cluster", new TypeInfo(InfraResource.Kind.COMPUTE, "region", "name", "", null));
        TYPES.put("google_dataproc_batch", new TypeInfo(InfraResource.Kind.COMPUTE, "location", "batch_id", "", null));
        TYPES.put("google_dataflow_job", new TypeInfo(InfraResource.Kind.COMPUTE, "region", "name", "", null));
        TYPES.put("google_sql_database_instance", new TypeInfo(InfraResource.Kind.DATABASE, "region", "name", "", null));
        TYPES.put("google_bigquery_data_transfer_config", new TypeInfo(InfraResource.Kind.COMPUTE, "location", "display_name", "", null));
        TYPES.put("aws_s3_bucket", new TypeInfo(InfraResource.Kind.BUCKET, "region", "bucket", "s3://", null));
        for (String t : List.of("aws_glue_catalog_database", "aws_athena_database", "aws_redshift_cluster",
                "aws_redshiftserverless_namespace", "aws_db_instance", "aws_rds_cluster", "aws_dynamodb_table")) {
            TYPES.put(t, new TypeInfo(InfraResource.Kind.DATABASE, "region", "name", "", null));
        }
        for (String t : List.of("aws_glue_job", "aws_glue_crawler", "aws_emr_cluster", "aws_emrserverless_application",
                "aws_redshiftserverless_workgroup", "aws_athena_workgroup", "aws_kinesis_firehose_delivery_stream",
                "aws_lambda_function", "aws_sagemaker_domain")) {
            TYPES.put(t, new TypeInfo(InfraResource.Kind.COMPUTE, "region", "name", "", null));
        }
        TYPES.put("azurerm_storage_account", new TypeInfo(InfraResource.Kind.BUCKET, "location", "name", "abfss://", null));
        TYPES.put("azurerm_databricks_workspace", new TypeInfo(InfraResource.Kind.COMPUTE, "location", "name", "", null));
        TYPES.put("azurerm_synapse_workspace", new TypeInfo(InfraResource.Kind.COMPUTE, "location", "name", "", null));
        TYPES.put("azurerm_mssql_server", new TypeInfo(InfraResource.Kind.DATABASE, "location", "name", "", null));
        TYPES.put("azurerm_data_factory", new TypeInfo(InfraResource.Kind.COMPUTE, "location", "name", "", null));
        TYPES.put("databricks_mws_workspaces", new TypeInfo(InfraResource.Kind.COMPUTE, "aws_region", "workspace_name", "", null));
    }

    /** Resource types whose location comes from the provider when they do not set one. */
    private static boolean inheritsProviderRegion(String type) {
        return type.startsWith("aws_") || type.equals("google_dataproc_cluster") || type.equals("google_dataflow_job")
                || type.equals("google_sql_database_instance");
    }

    public static boolean handles(String path) {
        return path.endsWith(".tf") || path.endsWith(".tfvars");
    }

    /** One file of a module, already parsed. */
    public record ParsedFile(String path, Body body) {
    }

    private static final Pattern REF = Pattern.compile("^(var|local)\\.([A-Za-z0-9_-]+)$");
    private static final Pattern RESOURCE_REF = Pattern.compile("^([a-z][a-z0-9_]*)\\.([A-Za-z0-9_-]+)\\.([a-z_]+)$");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{\\s*([^}]*?)\\s*}");

    private final RegionCatalog catalog;
    private final String metaKey;

    public Terraform(RegionCatalog catalog, String metaKey) {
        this.catalog = catalog;
        this.metaKey = metaKey.toLowerCase(Locale.ROOT);
    }

    /** The resources of one root module, from its parsed {@code .tf} and {@code .tfvars} files. */
    public List<InfraResource> resources(List<ParsedFile> files) {
        return evaluate(files, Map.of(), Map.of(), null).resources();
    }

    /**
     * A {@code module} block calling a module of the same repository ({@code source = "./modules/dataset"}).
     *
     * @param dir       the called module's directory, normalised
     * @param inputs    its arguments, resolved in the caller (unresolvable ones left out)
     * @param providers the caller's provider blocks, which the called module inherits
     */
    public record ModuleCall(String name, String dir, Map<String, String> inputs, Map<String, Block> providers,
                             String path, int line) {
    }

    /** What one module instance holds: its resources and the local modules it calls. */
    public record Evaluated(List<InfraResource> resources, List<ModuleCall> calls) {
    }

    /**
     * Evaluates one module instance. {@code inputs} and {@code providers} come from the {@code module} block that
     * calls it ({@code call}, null for a root module); the resources of a called module are reported at that block,
     * since that is where their names and locations are decided.
     */
    public Evaluated evaluate(List<ParsedFile> files, Map<String, String> inputs, Map<String, Block> providers,
                              ModuleCall call) {
        Module m = new Module();
        m.providers.putAll(providers);
        List<Placed> moduleBlocks = new ArrayList<>();
        for (ParsedFile f : files) {
            if (f.path().endsWith(".tfvars")) {
                if (call == null) {
                    for (Attribute a : f.body().attributes()) {
                        m.tfvars.put(a.name(), a.value());
                    }
                }
                continue;
            }
            for (Block b : f.body().blocks()) {
                switch (b.type()) {
                    case "variable" -> b.body().attribute("default").ifPresent(a -> m.variables.put(b.label(0), a.value()));
                    case "locals" -> b.body().attributes().forEach(a -> m.locals.put(a.name(), a.value()));
                    case "provider" -> {
                        String alias = b.body().attribute("alias").flatMap(a -> a.value().literalValue()).orElse("");
                        m.providers.put(b.label(0) + (alias.isEmpty() ? "" : "." + alias), b);
                    }
                    case "resource" -> m.resources.put(b.label(0) + "." + b.label(1), new Placed(f.path(), b));
                    case "module" -> moduleBlocks.add(new Placed(f.path(), b));
                    default -> {
                    }
                }
            }
        }
        inputs.forEach((k, v) -> m.tfvars.put(k, new Expr("\"" + v + "\"", v, null, null, call == null ? 1 : call.line())));
        List<InfraResource> out = new ArrayList<>();
        for (Map.Entry<String, Placed> e : m.resources.entrySet()) {
            Block b = e.getValue().block();
            TypeInfo info = TYPES.get(b.label(0));
            if (info == null) {
                continue;
            }
            InfraResource r = resource(m, e.getValue().path(), b, info);
            if (call != null) {
                r = new InfraResource(call.path(), call.line(), "module." + call.name() + "." + r.address(), r.type(),
                        r.kind(), r.storageName(), r.locations(), r.locationText() + " (inside module " + call.name()
                        + " from " + call.dir() + ")", call.line(), r.labels(), r.unknownReason());
            }
            out.add(r);
        }
        List<ModuleCall> calls = new ArrayList<>();
        for (Placed p : moduleBlocks) {
            Optional<String> source = p.block().body().attribute("source").flatMap(a -> a.value().literalValue());
            if (source.isEmpty() || !(source.get().startsWith("./") || source.get().startsWith("../"))) {
                continue;   // registry and git modules are not in the repository
            }
            Map<String, String> args = new LinkedHashMap<>();
            for (Attribute a : p.block().body().attributes()) {
                if (!a.name().equals("source") && !a.name().equals("providers") && !a.name().equals("version")) {
                    resolve(m, a.value(), 0).ifPresent(v -> args.put(a.name(), v));
                }
            }
            String dir = normalise(moduleOf(p.path()) + "/" + source.get());
            calls.add(new ModuleCall(p.block().label(0), dir, args, m.providers, p.path(), p.block().line()));
        }
        return new Evaluated(out, calls);
    }

    /** {@code infra/./modules/../x} → {@code infra/x}; a path escaping the repository stays unmatched. */
    static String normalise(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return "../" + path;
                }
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return String.join("/", parts);
    }

    private record Placed(String path, Block block) {
    }

    private static final class Module {
        final Map<String, Expr> variables = new HashMap<>();
        final Map<String, Expr> tfvars = new HashMap<>();
        final Map<String, Expr> locals = new HashMap<>();
        final Map<String, Block> providers = new LinkedHashMap<>();
        final Map<String, Placed> resources = new LinkedHashMap<>();
    }

    private InfraResource resource(Module m, String path, Block b, TypeInfo info) {
        String type = b.label(0);
        Body body = b.body();
        // a name lastmile cannot resolve (each.key, a module input) is unknown, never the block's label
        Optional<String> resolvedName = body.attribute(info.nameAttr()).flatMap(a -> resolve(m, a.value(), 0));
        String name = resolvedName.orElse("");
        String storageName = "";
        if (name.isEmpty()) {
            storageName = "";
        } else if (info.kind() == InfraResource.Kind.DATASET) {
            String project = body.attribute("project").flatMap(a -> resolve(m, a.value(), 0))
                    .or(() -> providerOf(m, type, body).flatMap(p -> p.body().attribute("project")).flatMap(a -> resolve(m, a.value(), 0)))
                    .orElse("*");
            storageName = project + "." + name;
        } else if (info.kind() == InfraResource.Kind.BUCKET) {
            storageName = info.scheme() + name;
        }
        Map<String, String> labels = labels(m, type, body);

        List<Location> locations = new ArrayList<>();
        String text;
        int line = b.line();
        String unknown = "";
        Optional<Attribute> own = body.attribute(info.locationAttr());
        if (own.isEmpty() && type.startsWith("azurerm_")) {
            own = body.attribute("location");
        }
        if (own.isPresent()) {
            Attribute a = own.get();
            text = abbreviate(a.value().raw());
            line = a.line();
            Optional<String> v = resolve(m, a.value(), 0);
            if (v.isEmpty()) {
                unknown = "its " + a.name() + " (" + text + ") is not a value lastmile can resolve";
            } else {
                Optional<Location> l = catalog.resolve(v.get());
                if (l.isPresent()) {
                    locations.add(l.get());
                    text = v.get();
                } else {
                    unknown = "its " + a.name() + " '" + v.get() + "' is not a known region";
                }
            }
        } else if (info.defaultLocation() != null) {
            text = info.defaultLocation() + " (the provider's default: no location is set)";
            catalog.resolve(info.defaultLocation()).ifPresent(locations::add);
        } else if (inheritsProviderRegion(type)) {
            Optional<Block> provider = providerOf(m, type, body);
            String providerName = body.attribute("provider").map(a -> a.value().raw()).orElse(type.substring(0, type.indexOf('_')));
            text = "the region of provider " + providerName;
            Optional<Attribute> region = provider.flatMap(p -> p.body().attribute("region"));
            if (region.isEmpty()) {
                unknown = provider.isEmpty() ? "no provider \"" + providerName + "\" block sets its region"
                        : "provider " + providerName + " sets no region (it comes from the environment at apply time)";
            } else {
                Optional<String> v = resolve(m, region.get().value(), 0);
                Optional<Location> l = v.flatMap(catalog::resolve);
                if (l.isPresent()) {
                    locations.add(l.get());
                    text = v.get() + " (provider " + providerName + ")";
                } else {
                    unknown = "provider " + providerName + " region " + abbreviate(region.get().value().raw()) + " cannot be resolved";
                }
            }
        } else {
            text = "";
            unknown = "it sets no " + info.locationAttr();
        }
        return new InfraResource(path, b.line(), type + "." + b.label(1), type, info.kind(), storageName, locations, text,
                line, labels, unknown);
    }

    private Optional<Block> providerOf(Module m, String type, Body body) {
        String base = type.substring(0, type.indexOf('_'));
        String key = body.attribute("provider").map(a -> a.value().raw().trim()).orElse(base);
        Block b = m.providers.get(key);
        if (b == null && key.contains(".")) {
            return Optional.empty();
        }
        return Optional.ofNullable(b);
    }

    private Map<String, String> labels(Module m, String type, Body body) {
        Map<String, String> out = new LinkedHashMap<>();
        // AWS provider default_tags apply to every resource of that provider
        providerOf(m, type, body).flatMap(p -> p.body().blocks("default_tags").stream().findFirst())
                .flatMap(d -> d.body().attribute("tags")).ifPresent(a -> putAll(m, a.value(), out));
        for (String attr : List.of("labels", "tags")) {
            body.attribute(attr).ifPresent(a -> putAll(m, a.value(), out));
        }
        return out;
    }

    private void putAll(Module m, Expr e, Map<String, String> out) {
        if (e.object() != null) {
            e.object().forEach((k, v) -> resolve(m, v, 0).ifPresent(s -> out.put(k.toLowerCase(Locale.ROOT), s)));
        }
    }

    /** The value of an expression when it is a literal, a template or a reference lastmile can follow. */
    private Optional<String> resolve(Module m, Expr e, int depth) {
        if (e == null || depth > 8) {
            return Optional.empty();
        }
        if (e.literal() != null) {
            return Optional.of(e.literal());
        }
        if (e.template() != null) {
            Matcher im = INTERPOLATION.matcher(e.template());
            StringBuilder sb = new StringBuilder();
            while (im.find()) {
                Optional<String> v = reference(m, im.group(1).trim(), depth);
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                im.appendReplacement(sb, Matcher.quoteReplacement(v.get()));
            }
            im.appendTail(sb);
            return Optional.of(sb.toString());
        }
        return reference(m, e.raw().trim(), depth);
    }

    private Optional<String> reference(Module m, String ref, int depth) {
        Matcher r = REF.matcher(ref);
        if (r.matches()) {
            Expr target = r.group(1).equals("var")
                    ? m.tfvars.getOrDefault(r.group(2), m.variables.get(r.group(2)))
                    : m.locals.get(r.group(2));
            return resolve(m, target, depth + 1);
        }
        Matcher rr = RESOURCE_REF.matcher(ref);
        if (rr.matches()) {
            Placed p = m.resources.get(rr.group(1) + "." + rr.group(2));
            if (p != null) {
                return p.block().body().attribute(rr.group(3)).flatMap(a -> resolve(m, a.value(), depth + 1));
            }
        }
        return Optional.empty();
    }

    /** An expression as a message shows it: one line, at most 60 characters. */
    static String abbreviate(String raw) {
        String one = raw.strip().replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }

    /** The module a file belongs to: its directory. */
    public static String moduleOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
