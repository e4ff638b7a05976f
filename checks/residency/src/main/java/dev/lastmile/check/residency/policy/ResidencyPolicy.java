package dev.lastmile.check.residency.policy;

import dev.lastmile.check.residency.location.Location;
import dev.lastmile.check.residency.location.RegionCatalog;
import dev.lastmile.core.policy.Policy;
import dev.lastmile.core.policy.PolicyNode;
import dev.lastmile.core.util.Globs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code residency:} section of {@code .lastmile.yml}, parsed strictly (errors name file, line and key).
 *
 * <pre>
 * residency:
 *   target: prod                 # the profiles.yml target that is production (default: the profile's target:)
 *   target_location: EU          # where that target's warehouse runs, when profiles.yml cannot say (env_var account)
 *   zones:
 *     eu:
 *       description: Personal data of EU residents (GDPR)
 *       locations: [EU, europe-west1, europe-west3, eu-central-1, eu-west-1]
 *   assets:                      # what belongs to a zone
 *     - zone: eu
 *       sources: [crm]                         # dbt sources (source or source.table globs)
 *       models: ["models/eu/**"]               # model file globs
 *       relations: ["shop-raw-eu.crm"]          # database.schema[.table] globs (project.dataset.table)
 *       buckets: ["s3://acme-crm-eu/**"]       # storage URIs/bucket globs
 *       resources: ["aws_glue_job.crm_*"]      # Terraform addresses / CloudFormation logical ids
 *   meta_key: residency          # meta: {residency: eu} in schema.yml/config(), and resource labels/tags
 *   tags: {gdpr: eu}             # dbt tags that put a node in a zone
 *   locations: {"shop-raw-eu.crm": EU, "s3://acme-landing": eu-west-1}   # where things live when infra code does not say
 *   accounts: {acme-analytics_eu: eu-central-1}                          # Snowflake org-account / Databricks host → region
 *   deploy_regions: [eu-central-1]                                       # CloudFormation/SAM stacks (or {glob: [regions]})
 * </pre>
 */
public record ResidencyPolicy(Optional<String> target, Optional<Location> targetLocation, Map<String, Zone> zones, List<AssetRule> assets, String metaKey,
                              Map<String, String> tags, List<LocationRule> locations, Map<String, Location> accounts,
                              List<DeployRule> deployRegions) {

    public record Zone(String name, String description, List<Location> locations) {
    }

    /** One {@code assets:} entry: everything it names belongs to {@code zone}. */
    public record AssetRule(String zone, List<Pattern> sources, List<Pattern> models, List<Pattern> relations,
                            List<Pattern> buckets, List<Pattern> resources) {
    }

    /** One {@code locations:} entry: relations (dotted) or storage URIs matching {@code pattern} live at {@code location}. */
    public record LocationRule(String glob, Pattern pattern, boolean storage, Location location) {
    }

    public record DeployRule(Pattern paths, List<Location> regions) {
    }

    public static final Set<String> KEYS = Set.of("target", "target_location", "zones", "assets", "meta_key", "tags", "locations", "accounts",
            "deploy_regions");
    private static final Set<String> ZONE_KEYS = Set.of("description", "locations");
    private static final Set<String> ASSET_KEYS = Set.of("zone", "sources", "models", "relations", "buckets", "resources");
    private static final Pattern ZONE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,40}");
    /** Meta values that release a model (anonymised output); they cannot name a zone. */
    public static final Set<String> RESERVED_ZONE_NAMES = Set.of("public", "none", "anonymised", "anonymized");

    public static ResidencyPolicy from(Policy policy) {
        return from(policy.section("residency"), RegionCatalog.get());
    }

    public static ResidencyPolicy from(PolicyNode section, RegionCatalog catalog) {
        section.requireOnly(KEYS);
        Optional<String> target = section.get("target").optionalString().map(String::trim);
        PolicyNode tl = section.get("target_location");
        Optional<Location> targetLocation = tl.isPresent() ? Optional.of(location(tl, catalog)) : Optional.empty();

        Map<String, Zone> zones = new LinkedHashMap<>();
        for (Map.Entry<String, PolicyNode> e : section.get("zones").entries().entrySet()) {
            PolicyNode z = e.getValue();
            if (!ZONE_NAME.matcher(e.getKey()).matches()) {
                throw z.error("zone names are lower case letters, digits, '-' and '_' (like eu, us, ch)");
            }
            if (RESERVED_ZONE_NAMES.contains(e.getKey())) {
                throw z.error("'" + e.getKey() + "' is reserved: meta " + "residency: " + e.getKey()
                        + " marks a model whose output holds no zone-bound data");
            }
            z.requireOnly(ZONE_KEYS);
            PolicyNode locs = z.get("locations");
            if (!locs.isPresent()) {
                throw z.error("a zone needs 'locations': the regions and multi-regions its data may be stored and processed in");
            }
            zones.put(e.getKey(), new Zone(e.getKey(), z.get("description").asString(""), locationList(locs, catalog)));
        }

        List<AssetRule> assets = new ArrayList<>();
        for (PolicyNode a : section.get("assets").elements()) {
            a.requireOnly(ASSET_KEYS);
            String zone = zoneRef(a.get("zone"), zones);
            assets.add(new AssetRule(zone,
                    patterns(a.get("sources"), NameGlob::source),
                    patterns(a.get("models"), Globs::compile),
                    patterns(a.get("relations"), NameGlob::relation),
                    patterns(a.get("buckets"), NameGlob::storage),
                    patterns(a.get("resources"), g -> NameGlob.compile(g, '.'))));
        }

        String metaKey = section.get("meta_key").asString("residency").trim();
        if (metaKey.isEmpty()) {
            throw section.get("meta_key").error("meta_key must not be empty");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        section.get("tags").entries().forEach((tag, zone) -> tags.put(tag.toLowerCase(Locale.ROOT), zoneRef(zone, zones)));

        List<LocationRule> locations = new ArrayList<>();
        section.get("locations").entries().forEach((glob, loc) -> {
            boolean storage = glob.contains("://");
            Pattern p = storage ? NameGlob.storage(glob) : NameGlob.relation(glob);
            locations.add(new LocationRule(glob, p, storage, location(loc, catalog)));
        });

        Map<String, Location> accounts = new LinkedHashMap<>();
        section.get("accounts").entries().forEach((account, loc) ->
                accounts.put(account.toLowerCase(Locale.ROOT).trim(), location(loc, catalog)));

        List<DeployRule> deploy = new ArrayList<>();
        PolicyNode dr = section.get("deploy_regions");
        if (dr.isMapping()) {
            dr.entries().forEach((glob, regions) -> deploy.add(new DeployRule(glob(glob, regions), locationList(regions, catalog))));
        } else if (dr.isPresent()) {
            deploy.add(new DeployRule(Globs.compile("**"), locationList(dr, catalog)));
        }
        return new ResidencyPolicy(target, targetLocation, Map.copyOf(zones), List.copyOf(assets), metaKey, Map.copyOf(tags),
                List.copyOf(locations), Map.copyOf(accounts), List.copyOf(deploy));
    }

    private static Pattern glob(String glob, PolicyNode where) {
        try {
            return Globs.compile(glob);
        } catch (IllegalArgumentException e) {
            throw where.error(e.getMessage());
        }
    }

    private static String zoneRef(PolicyNode node, Map<String, Zone> zones) {
        if (!node.isPresent()) {
            throw node.error("name the zone (one of: " + String.join(", ", zones.keySet()) + ")");
        }
        String z = node.asString().trim();
        if (!zones.containsKey(z)) {
            throw node.error("unknown zone '" + z + "'" + (zones.isEmpty() ? "; declare it under residency.zones"
                    : " (declared zones: " + String.join(", ", zones.keySet()) + ")"));
        }
        return z;
    }

    private static List<Location> locationList(PolicyNode node, RegionCatalog catalog) {
        List<Location> out = new ArrayList<>();
        for (PolicyNode l : node.elements()) {
            out.add(location(l, catalog));
        }
        if (out.isEmpty()) {
            throw node.error("expected at least one location");
        }
        return out;
    }

    private static Location location(PolicyNode node, RegionCatalog catalog) {
        String v = node.asString();
        return catalog.resolve(v).orElseThrow(() -> node.error("unknown location '" + v + "': use an AWS, GCP or Azure"
                + " region or a GCP multi-region (EU, US), as listed in docs/residency.md"));
    }

    private static List<Pattern> patterns(PolicyNode node, java.util.function.Function<String, Pattern> compiler) {
        List<Pattern> out = new ArrayList<>();
        for (PolicyNode e : node.elements()) {
            String g = e.asString();
            if (g.isBlank()) {
                throw e.error("empty pattern");
            }
            try {
                out.add(compiler.apply(g));
            } catch (IllegalArgumentException ex) {
                throw e.error(ex.getMessage());
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return zones.isEmpty();
    }

    /** The zone named by a meta value or tag ({@code eu}), if the policy declares it. */
    public Optional<String> zoneNamed(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return zones.containsKey(v) ? Optional.of(v) : Optional.empty();
    }

    /** Where a relation ({@code database.schema.table}, lower case) or storage URI lives, per the policy. */
    public Optional<Location> locationOf(String name, boolean storage) {
        Location found = null;
        for (LocationRule r : locations) {
            if (r.storage() == storage && r.pattern().matcher(name).matches()) {
                found = r.location();   // the last match wins, as with rule overrides
            }
        }
        return Optional.ofNullable(found);
    }

    /** The regions a CloudFormation/SAM template at {@code path} is deployed to; empty when the policy does not say. */
    public List<Location> deployRegions(String path) {
        List<Location> found = List.of();
        for (DeployRule r : deployRegions) {
            if (r.paths().matcher(path).matches()) {
                found = r.regions();
            }
        }
        return found;
    }
}
