package dev.lastmile.check.residency.infra;

import dev.lastmile.check.residency.location.Location;
import dev.lastmile.check.residency.location.RegionCatalog;
import dev.lastmile.check.residency.policy.ResidencyPolicy;
import dev.lastmile.dbt.ProjectFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and reads the repository's infrastructure code: Terraform (grouped into modules by directory; root modules
 * evaluated alone, called modules once per local {@code module} call with its arguments and providers) and
 * CloudFormation/SAM templates (placed in the policy's {@code deploy_regions}, else a {@code samconfig.toml}'s default
 * deploy region). A file it cannot read is a {@link Problem}, never an exception.
 */
public final class InfrastructureReader {

    /** Infrastructure files over this size are reported, not parsed (a generated state dump is no configuration). */
    public static final int MAX_INFRA_CHARS = 5_000_000;

    /** A file that could not be read. */
    public record Problem(String path, int line, String message) {
    }

    /** The resources found, the files that could not be read, and every infrastructure file looked at. */
    public record Result(List<InfraResource> resources, List<Problem> problems, List<String> files) {
    }

    private final ResidencyPolicy policy;
    private final RegionCatalog catalog;
    private final List<InfraResource> infra = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> infraFiles = new ArrayList<>();

    private InfrastructureReader(ResidencyPolicy policy, RegionCatalog catalog) {
        this.policy = policy;
        this.catalog = catalog;
    }

    /** Reads every Terraform and CloudFormation/SAM file at head that the policy does not ignore. */
    public static Result read(ResidencyPolicy policy, RegionCatalog catalog, ProjectFiles files, Predicate<String> ignored) {
        return new InfrastructureReader(policy, catalog).readAll(files, ignored);
    }

    private Result readAll(ProjectFiles files, Predicate<String> ignored) {
        Terraform terraform = new Terraform(catalog, policy.metaKey());
        Map<String, List<Terraform.ParsedFile>> modules = new LinkedHashMap<>();
        for (String path : files.files()) {
            if (ignored.test(path)) {
                continue;
            }
            if (Terraform.handles(path)) {
                if (path.endsWith(".tfvars") && !(path.endsWith("terraform.tfvars") || path.endsWith(".auto.tfvars"))) {
                    continue;   // a named var file is chosen at apply time: not the module's values
                }
                infraFiles.add(path);
                Optional<String> text = files.read(path);
                if (text.isEmpty()) {
                    if (files.files().contains(path)) {
                        problems.add(new Problem(path, 1, "Terraform file is binary or not decodable text"));
                    }
                    continue;
                }
                if (text.get().length() > MAX_INFRA_CHARS) {
                    problems.add(new Problem(path, 1, "Terraform file of " + text.get().length()
                            + " characters is over the " + MAX_INFRA_CHARS + "-character limit"));
                    continue;
                }
                try {
                    modules.computeIfAbsent(Terraform.moduleOf(path), k -> new ArrayList<>())
                            .add(new Terraform.ParsedFile(path, Hcl.parse(text.get())));
                } catch (Hcl.HclException e) {
                    problems.add(new Problem(path, e.line(), "Terraform could not be read: " + e.getMessage()));
                } catch (RuntimeException | StackOverflowError e) {
                    problems.add(new Problem(path, 1, "Terraform could not be read (" + e.getClass().getSimpleName() + ")"));
                }
            } else if ((path.endsWith(".yml") || path.endsWith(".yaml") || path.endsWith(".json") || path.endsWith(".template"))
                    && !path.endsWith(".lastmile.yml") && !path.contains("dbt_project")) {
                Optional<String> text = files.read(path);
                if (text.isEmpty() || text.get().length() > MAX_INFRA_CHARS || !CloudFormation.looksLikeTemplate(path, text.get())) {
                    continue;
                }
                infraFiles.add(path);
                try {
                    List<Location> regions = policy.deployRegions(path);
                    String source = "the deploy regions the policy gives this template";
                    if (regions.isEmpty()) {
                        Optional<Map.Entry<String, Location>> sam = samDeployRegion(files, path);
                        if (sam.isPresent()) {
                            regions = List.of(sam.get().getValue());
                            source = "the default deploy region of " + sam.get().getKey();
                        }
                    }
                    infra.addAll(CloudFormation.read(path, text.get(), regions, source));
                } catch (CloudFormation.TemplateException e) {
                    problems.add(new Problem(path, e.line(), "CloudFormation template could not be read: " + e.getMessage()));
                }
            }
        }
        // root modules are the directories no local module block calls; called ones are evaluated per call
        Set<String> called = new java.util.HashSet<>();
        Map<String, Terraform.Evaluated> roots = new LinkedHashMap<>();
        for (Map.Entry<String, List<Terraform.ParsedFile>> e : modules.entrySet()) {
            Terraform.Evaluated ev = terraform.evaluate(e.getValue(), Map.of(), Map.of(), null);
            roots.put(e.getKey(), ev);
            ev.calls().forEach(c -> called.add(c.dir()));
        }
        for (Map.Entry<String, Terraform.Evaluated> e : roots.entrySet()) {
            if (called.contains(e.getKey())) {
                continue;
            }
            infra.addAll(e.getValue().resources());
            evaluateCalls(terraform, modules, e.getValue().calls(), 0);
        }
        return new Result(List.copyOf(infra), List.copyOf(problems), List.copyOf(infraFiles));
    }

    private void evaluateCalls(Terraform terraform, Map<String, List<Terraform.ParsedFile>> modules,
                               List<Terraform.ModuleCall> calls, int depth) {
        if (depth > 5) {
            return;   // deeper module nesting than real configurations use (or a cycle)
        }
        for (Terraform.ModuleCall c : calls) {
            List<Terraform.ParsedFile> files = modules.get(c.dir());
            if (files == null) {
                continue;
            }
            Terraform.Evaluated ev = terraform.evaluate(files, c.inputs(), c.providers(), c);
            infra.addAll(ev.resources());
            evaluateCalls(terraform, modules, ev.calls(), depth + 1);
        }
    }

    // [ \t], not \s, and no line break inside a match: \s crossed line breaks, so every line start rescanned the rest
    // of the file (a megabyte of blank lines took minutes; found by ParserFuzzProperties)
    private static final Pattern SAM_SECTION = Pattern.compile("(?m)^[ \\t]*\\[([^\\]\\n]+)][ \\t]*$");
    private static final Pattern SAM_REGION = Pattern.compile("(?m)^[ \\t]*region[ \\t]*=[ \\t]*[\"']([^\"'\\n]+)[\"']");

    /**
     * The region {@code sam deploy} uses for a template when the policy does not say: {@code region} of the
     * {@code default} environment's {@code deploy} (else {@code global}) parameters in a {@code samconfig.toml} in the
     * template's folder or an enclosing one.
     */
    private Optional<Map.Entry<String, Location>> samDeployRegion(ProjectFiles files, String templatePath) {
        String dir = Terraform.moduleOf(templatePath);
        for (int depth = 0; depth < 20; depth++) {
            String candidate = dir.isEmpty() ? "samconfig.toml" : dir + "/samconfig.toml";
            Optional<String> text = files.files().contains(candidate) ? files.read(candidate) : Optional.empty();
            if (text.isPresent()) {
                Optional<Location> l = samRegion(text.get()).flatMap(catalog::resolve);
                if (l.isPresent()) {
                    return Optional.of(Map.entry(candidate, l.get()));
                }
            }
            if (dir.isEmpty()) {
                break;
            }
            dir = Terraform.moduleOf(dir);
        }
        return Optional.empty();
    }

    /** {@code region} of {@code [default.deploy.parameters]}, else of {@code [default.global.parameters]}. */
    public static Optional<String> samRegion(String toml) {
        Map<String, String> regionBySection = new HashMap<>();
        Matcher sec = SAM_SECTION.matcher(toml);
        List<String> names = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        while (sec.find()) {
            names.add(sec.group(1).trim());
            starts.add(sec.end());
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < starts.size() ? toml.lastIndexOf('[', starts.get(i + 1)) : toml.length();
            Matcher r = SAM_REGION.matcher(toml.substring(starts.get(i), Math.max(starts.get(i), end)));
            if (r.find()) {
                regionBySection.putIfAbsent(names.get(i), r.group(1));
            }
        }
        return Optional.ofNullable(regionBySection.getOrDefault("default.deploy.parameters",
                regionBySection.get("default.global.parameters")));
    }

}
