package dev.lastmile.check.residency.location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The region vocabulary ({@code regions.yml} beside this class): resolves the many spellings of a cloud location to
 * one {@link Location}, and decides whether a location is inside a set of allowed ones, multi-regions included.
 */
public final class RegionCatalog {

    private static final RegionCatalog DEFAULT = load();

    /** A zone suffix of a GCP zone ({@code europe-west3-a}) or an AWS availability zone ({@code eu-central-1a}). */
    private static final Pattern GCP_ZONE = Pattern.compile("^([a-z]+-[a-z]+\\d+)-[a-f]$");
    private static final Pattern AWS_AZ = Pattern.compile("^([a-z]{2}(?:-gov)?-[a-z]+-\\d)[a-f]$");

    private final Map<String, Location> byId;
    private final Map<String, List<Location>> byName;

    private RegionCatalog(Map<String, Location> byId) {
        this.byId = Map.copyOf(byId);
        Map<String, List<Location>> names = new HashMap<>();
        for (Location l : byId.values()) {
            names.computeIfAbsent(l.name(), k -> new java.util.ArrayList<>()).add(l);
        }
        this.byName = Map.copyOf(names);
    }

    public static RegionCatalog get() {
        return DEFAULT;
    }

    @SuppressWarnings("unchecked")
    private static RegionCatalog load() {
        try (InputStream in = RegionCatalog.class.getResourceAsStream("/dev/lastmile/check/residency/regions.yml")) {
            if (in == null) {
                throw new IllegalStateException("regions.yml missing from the residency check's jar");
            }
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Location> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> p : doc.entrySet()) {
                String provider = p.getKey();
                Map<String, Object> body = (Map<String, Object>) p.getValue();
                ((Map<String, Object>) body.getOrDefault("regions", Map.of())).forEach((name, country) -> {
                    Location l = new Location(provider, norm(name), String.valueOf(country), Set.of());
                    out.put(l.id(), l);
                });
                ((Map<String, Object>) body.getOrDefault("multi", Map.of())).forEach((name, members) -> {
                    Set<String> ids = new HashSet<>();
                    for (Object m : (List<Object>) members) {
                        String id = provider + ":" + norm(String.valueOf(m));
                        if (!out.containsKey(id)) {
                            throw new IllegalStateException("regions.yml: multi-region " + name + " lists unknown " + id);
                        }
                        ids.add(id);
                    }
                    Location l = new Location(provider, norm(name), "", ids);
                    out.put(l.id(), l);
                });
            }
            return new RegionCatalog(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lower case, spaces and underscores to nothing/dashes as providers spell them. */
    static String norm(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The location a name means: {@code EU}, {@code eu}, {@code europe-west3}, {@code EUROPE-WEST3-A},
     * {@code gcp:europe-west3}, {@code West Europe}, {@code eu-central-1a}. Empty for a name not in the vocabulary.
     */
    public Optional<Location> resolve(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = norm(raw);
        if (s.isEmpty() || s.length() > 80) {
            return Optional.empty();
        }
        String provider = null;
        int colon = s.indexOf(':');
        if (colon > 0) {
            provider = s.substring(0, colon).trim();
            provider = switch (provider) {
                case "google", "gcs", "bigquery" -> "gcp";
                case "amazon", "s3" -> "aws";
                case "microsoft" -> "azure";
                default -> provider;
            };
            s = s.substring(colon + 1).trim();
        }
        for (String candidate : spellings(s)) {
            Optional<Location> hit = lookup(provider, candidate);
            if (hit.isPresent()) {
                return hit;
            }
        }
        // BigQuery Omni locations name the other cloud's region: aws-us-east-1, azure-eastus2
        if (provider == null && (s.startsWith("aws-") || s.startsWith("azure-"))) {
            int dash = s.indexOf('-');
            return resolve(s.substring(0, dash) + ":" + s.substring(dash + 1));
        }
        return Optional.empty();
    }

    private static List<String> spellings(String s) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add(s);
        out.add(s.replace('_', '-'));
        // Azure display names and Snowflake's dashed Azure names: "West Europe", "west-europe", "east-us-2"
        out.add(s.replace(" ", "").replace("-", "").replace("_", ""));
        var z = GCP_ZONE.matcher(s);
        if (z.matches()) {
            out.add(z.group(1));
        }
        var az = AWS_AZ.matcher(s);
        if (az.matches()) {
            out.add(az.group(1));
        }
        return out;
    }

    private Optional<Location> lookup(String provider, String name) {
        if (provider != null) {
            return Optional.ofNullable(byId.get(provider + ":" + name));
        }
        List<Location> hits = byName.getOrDefault(name, List.of());
        return hits.size() == 1 ? Optional.of(hits.getFirst()) : Optional.empty();
    }

    public Optional<Location> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The regions a location may put data in: itself, or a multi-region's members. */
    public Set<String> regionsOf(Location l) {
        return l.isMulti() ? l.members() : Set.of(l.id());
    }

    /**
     * True when every region {@code location} may put data in is allowed: allowing a multi-region allows each of its
     * members, and a multi-region is allowed only when all its members are.
     */
    public boolean allows(Collection<Location> allowed, Location location) {
        Set<String> ok = new HashSet<>();
        for (Location a : allowed) {
            ok.add(a.id());
            ok.addAll(a.members());
        }
        if (ok.contains(location.id())) {
            return true;
        }
        return ok.containsAll(regionsOf(location));
    }

    /** Member regions of {@code location} outside the allowed set (for messages): "europe-west2, ...". */
    public List<String> outside(Collection<Location> allowed, Location location) {
        Set<String> ok = new HashSet<>();
        for (Location a : allowed) {
            ok.add(a.id());
            ok.addAll(a.members());
        }
        return regionsOf(location).stream().filter(r -> !ok.contains(r)).map(r -> r.substring(r.indexOf(':') + 1))
                .sorted().toList();
    }

    public Collection<Location> all() {
        return byId.values();
    }
}
